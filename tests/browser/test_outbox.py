"""The outbox in a real browser (static/js/outbox.js), with a stand-in
socket: "not now" answers (busy, rate limited) are sent again after a pause
with the same op_id; a refusal is reported and not sent again."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

# Answers each emit with the next of `answers`; records every op_id sent.
SEND = """
async (answers) => {
  const { Outbox } = await import("/static/js/outbox.js");
  const sent = [];
  const refused = [];
  const socket = {
    connected: true,
    id: "socket-1",
    on() {},
    emit(_event, message, reply) {
      sent.push(message.op_id);
      const answer = answers.shift();
      setTimeout(() => reply(answer), 0);
    },
  };
  const outbox = new Outbox(socket, { onRefused: (e, ack) => refused.push(ack.error) });
  const opId = outbox.send("board.add_note", { text: "hi" });
  const deadline = Date.now() + 8000;
  while (outbox.list().length && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
  }
  return { opId, sent, refused, pending: outbox.list().length };
}
"""


@pytest.mark.parametrize("not_now", ["busy", "rate_limited"])
def test_a_not_now_answer_is_sent_again_until_acknowledged(new_context, not_now):
    page = new_context().new_page()
    page.goto("/auth/login")

    result = page.evaluate(SEND, [{"ok": False, "error": not_now}, {"ok": True}])

    assert result["sent"] == [result["opId"], result["opId"]]
    assert result["refused"] == []
    assert result["pending"] == 0


def test_a_refusal_is_reported_once_and_not_sent_again(new_context):
    page = new_context().new_page()
    page.goto("/auth/login")

    result = page.evaluate(SEND, [{"ok": False, "error": "wrong_phase"}])

    assert result["sent"] == [result["opId"]]
    assert result["refused"] == ["wrong_phase"]
    assert result["pending"] == 0
