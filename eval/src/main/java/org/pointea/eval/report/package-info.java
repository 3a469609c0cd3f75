/**
 * Reports of training and evaluation runs: {@code report.json}, {@code report.md} and headless PNG
 * figures (loss and accuracy curves, the confusion matrix as a heat map, segmented shapes from
 * several views), all written atomically.
 *
 * <pre>{@code
 * Report report = Report.builder("run-42")
 *     .optHistory(History.readJsonLines(run.resolve("metrics.jsonl")))
 *     .optClassification(confusion.result(classNames))
 *     .build();
 * new ReportWriter().write(report, run);
 * }</pre>
 */
package org.pointea.eval.report;
