// Revealed results as charts: the specifications come from the server in
// this page's language (app/results, built by app/charts.py) and are drawn
// by charts.js, loaded only when a chart is first needed (it is large).

/** The charts of one activity, [{id, spec}], or [] if there are none yet. */
export async function loadCharts(urlTemplate, activityId) {
  if (!urlTemplate) return [];
  const url = urlTemplate.replace("ACTIVITY", encodeURIComponent(activityId));
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) return [];
  return (await response.json()).charts || [];
}

/** Draw `charts` into `container`, one figure each, replacing what was there. */
export async function drawCharts(container, charts) {
  if (!charts.length) {
    container.replaceChildren();
    return;
  }
  const { renderChart } = await import("./charts.js");
  const figures = charts.map((chart) => {
    const figure = document.createElement("div");
    figure.className = "chart";
    figure.dataset.chart = chart.id;
    return figure;
  });
  container.replaceChildren(...figures);
  await Promise.all(charts.map((chart, i) => renderChart(figures[i], chart.spec)));
}

/** A view's charts of its revealed results: redrawn when the counts change
 * (after a short wait, so a burst of changes makes one request). */
export class ChartsPanel {
  constructor(ctx, activityId) {
    this.ctx = ctx;
    this.activityId = activityId;
    this.el = document.createElement("div");
    this.el.className = "results-charts";
    // It scrolls sideways on a narrow screen: reachable by keyboard too.
    this.el.tabIndex = 0;
    this.drawnFor = null;
    this.timer = null;
  }

  update(results) {
    const signature = JSON.stringify(results ? [results.overall, results.by_role] : null);
    if (signature === this.drawnFor) return;
    this.drawnFor = signature;
    clearTimeout(this.timer);
    if (!results) {
      this.el.replaceChildren();
      return;
    }
    this.timer = setTimeout(async () => {
      const charts = await this.ctx.charts(this.activityId);
      if (signature === this.drawnFor) await drawCharts(this.el, charts);
    }, 300);
  }
}
