"""The app starts and answers."""


def test_home_page_answers(client):
    """The home page renders for an anonymous visitor."""
    response = client.get("/")
    assert response.status_code == 200
    assert b"Join a workshop" in response.data


def test_security_headers_on_every_page(client):
    """Every response carries a CSP that forbids inline script and eval."""
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
