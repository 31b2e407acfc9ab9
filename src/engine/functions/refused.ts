/**
 * Functions refused on purpose, with the reason the error gives: their answers depend on steps the
 * Kusto docs do not specify, so no local computation could be checked against Kusto's.
 */

// learn.microsoft.com "series_decompose_anomalies()": baseline and residual from series_decompose()
// (seasonality found by series_periods_detect() unless given), then series_outliers() (Tukey fences
// on the 10th–90th percentiles) scores the residual and a threshold flags it. Neither the period
// scoring of series_periods_detect nor series_outliers' percentile interpolation and score scaling
// is documented; the pages' examples use rand(), so they cannot serve as golden values either.
const DECOMPOSITION =
  'Its results depend on how Kusto scores seasonal periods (series_periods_detect) and scales Tukey-fence scores ' +
  '(series_outliers: percentile interpolation, score units), which the docs do not specify, so a local answer could ' +
  'differ from Kusto’s. To chart anomalies, compute flags from the series (e.g. ' +
  '`extend anomalies = array_iff(series_greater(y, threshold), 1, 0)`) and `render anomalychart with (anomalycolumns=anomalies)`.';

export const REFUSED_FUNCTIONS: Readonly<Record<string, string>> = {
  series_decompose: DECOMPOSITION,
  series_decompose_anomalies: DECOMPOSITION,
  series_decompose_forecast: DECOMPOSITION,
  series_outliers: DECOMPOSITION,
  series_periods_detect: DECOMPOSITION,
  series_periods_validate: DECOMPOSITION,
};
