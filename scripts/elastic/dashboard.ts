/**
 * The Kibana dashboard "aisiem: AI usage and risk" as saved objects (a data view over
 * `logs-aisiem.*` and a dashboard of Lens panels stored by value), rendered from panel specs so
 * every field it shows is checked against the field contract by test/elastic/dashboard.test.ts.
 */
export const DATA_VIEW_ID = "aisiem-logs";
export const DASHBOARD_ID = "aisiem-ai-usage-and-risk";

type Metric = { op: "count" } | { op: "max" | "sum" | "unique_count"; field: string; label: string };

export interface PanelSpec {
  title: string;
  chart: "bar" | "table";
  /** KQL that picks the documents. */
  query: string;
  /** Bar charts: over time, split by this field. Tables: the row fields. */
  splitBy: string[];
  metric: Metric;
  overTime?: boolean;
}

export const PANELS: PanelSpec[] = [
  { title: "AI interactions over time by tool", chart: "bar", query: "event.kind:event", splitBy: ["service.name"], metric: { op: "count" }, overTime: true },
  { title: "Users by highest risk", chart: "table", query: "event.kind:event", splitBy: ["user.id"], metric: { op: "max", field: "aisiem.risk.score", label: "Highest risk" } },
  { title: "Alerts over time by category", chart: "bar", query: "event.kind:alert", splitBy: ["rule.category"], metric: { op: "count" }, overTime: true },
  { title: "Alerts by user and tool", chart: "table", query: "event.kind:alert", splitBy: ["user.id", "service.name"], metric: { op: "count" } },
  { title: "Findings by category and action", chart: "table", query: 'event.kind:alert and aisiem.alert.type:"finding"', splitBy: ["rule.category", "aisiem.finding.action"], metric: { op: "count" } },
  { title: "Behaviour alerts by user", chart: "table", query: 'aisiem.alert.type:"behaviour"', splitBy: ["user.id", "rule.category"], metric: { op: "max", field: "event.risk_score", label: "Highest risk" } },
  { title: "Tokens by tool", chart: "table", query: "event.kind:event", splitBy: ["service.name", "gen_ai.request.model"], metric: { op: "sum", field: "gen_ai.usage.input_tokens", label: "Input tokens" } },
  { title: "Users per tool", chart: "table", query: "event.kind:event", splitBy: ["service.name"], metric: { op: "unique_count", field: "user.id", label: "Users" } },
];

const LAYER = "layer1";

function columns(panel: PanelSpec): { columns: Record<string, unknown>; order: string[]; metricId: string; splitIds: string[]; timeId?: string } {
  const cols: Record<string, unknown> = {};
  const metricId = "metric";
  cols[metricId] =
    panel.metric.op === "count"
      ? { label: "Count", dataType: "number", operationType: "count", sourceField: "___records___", isBucketed: false }
      : { label: panel.metric.label, dataType: "number", operationType: panel.metric.op, sourceField: panel.metric.field, isBucketed: false };
  const splitIds = panel.splitBy.map((field, i) => {
    const id = `split${i}`;
    cols[id] = {
      label: field,
      dataType: "string",
      operationType: "terms",
      sourceField: field,
      isBucketed: true,
      params: { size: 10, orderBy: { type: "column", columnId: metricId }, orderDirection: "desc", otherBucket: true, missingBucket: false },
    };
    return id;
  });
  const timeId = panel.overTime ? "time" : undefined;
  if (timeId) cols[timeId] = { label: "@timestamp", dataType: "date", operationType: "date_histogram", sourceField: "@timestamp", isBucketed: true, params: { interval: "auto" } };
  return { columns: cols, order: [...splitIds, ...(timeId ? [timeId] : []), metricId], metricId, splitIds, ...(timeId && { timeId }) };
}

function lensAttributes(panel: PanelSpec) {
  const { columns: cols, order, metricId, splitIds, timeId } = columns(panel);
  const visualization =
    panel.chart === "bar"
      ? {
          preferredSeriesType: "bar_stacked",
          legend: { isVisible: true, position: "right" },
          layers: [{ layerId: LAYER, layerType: "data", seriesType: "bar_stacked", xAccessor: timeId, accessors: [metricId], splitAccessor: splitIds[0] }],
        }
      : { layerId: LAYER, layerType: "data", columns: order.map((columnId) => ({ columnId })) };
  return {
    title: panel.title,
    visualizationType: panel.chart === "bar" ? "lnsXY" : "lnsDatatable",
    references: [{ type: "index-pattern", id: DATA_VIEW_ID, name: `indexpattern-datasource-layer-${LAYER}` }],
    state: {
      datasourceStates: { formBased: { layers: { [LAYER]: { columns: cols, columnOrder: order, incompleteColumns: {} } } } },
      visualization,
      query: { query: panel.query, language: "kuery" },
      filters: [],
    },
  };
}

export function renderDashboardNdjson(): string {
  const panels = PANELS.map((panel, i) => ({
    type: "lens",
    panelIndex: `panel${i + 1}`,
    gridData: { x: (i % 2) * 24, y: Math.floor(i / 2) * 15, w: 24, h: 15, i: `panel${i + 1}` },
    embeddableConfig: { attributes: lensAttributes(panel), enhancements: {} },
  }));
  const dataView = {
    type: "index-pattern",
    id: DATA_VIEW_ID,
    attributes: { title: "logs-aisiem.*", name: "aisiem", timeFieldName: "@timestamp" },
    references: [],
  };
  const dashboard = {
    type: "dashboard",
    id: DASHBOARD_ID,
    attributes: {
      title: "aisiem: AI usage and risk",
      description: "AI usage and risk by user, tool and category, from aisiem's logs-aisiem.* data streams.",
      panelsJSON: JSON.stringify(panels),
      optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, hidePanelTitles: false }),
      timeRestore: false,
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: "", language: "kuery" }, filter: [] }) },
    },
    references: panels.map((p) => ({ type: "index-pattern", id: DATA_VIEW_ID, name: `${p.panelIndex}:indexpattern-datasource-layer-${LAYER}` })),
  };
  return [dataView, dashboard].map((o) => JSON.stringify(o)).join("\n") + "\n";
}
