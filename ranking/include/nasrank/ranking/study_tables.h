// The study's tables as Table values (table.h), described once for `rank` and the report: which
// columns each has, what a cell shows and which numbers it holds. Table 6's statistics beside the
// tau are StudyOptions::table6_columns, so a statistic added to the registry is a column of every
// format of both commands without an edit here.
#pragma once

#include <string>
#include <vector>

#include "nasrank/ranking/study.h"
#include "nasrank/ranking/table.h"

namespace nasrank::ranking::tables {

/// Three tables come in two forms: `rank` prints a compact one for a terminal, the report a full
/// one with every number in its data form.
enum class Form { brief, full };

/// Table 6 as the paper lays it out: schedules x budgets, each cell the tau with its interval.
Table table6(const StudyTables& t);
/// Tau between full-budget seeds, with its interval.
Table noise_ceiling(const StudyTables& t);
/// One row per schedule and budget: n, the tau and its interval, then every statistic of
/// StudyOptions::table6_columns. Brief: without `dropped`, the interval headed "CI".
Table table6_statistics(const StudyTables& t, Form form = Form::full);
/// Mean small-budget accuracy, schedules x budgets.
Table table7(const StudyTables& t);
/// Table 7 normalised by each architecture's full-budget accuracy.
Table table8(const StudyTables& t);
/// Where the best checkpoint lies, per schedule.
Table table5(const StudyTables& t);
/// The best schedule at each budget and its margin over the runner-up. Brief: p marked with '*'
/// when significant, instead of the columns `significant` and `choice`.
Table recommendation(const StudyTables& t, Form form = Form::full);
/// Every schedule and budget against the best one: the difference in tau with its interval, the
/// two-sided p, the Holm-adjusted p and whether it is significantly worse; cheapest first, the
/// recommended row marked.
Table against_best(const StudyTables& t);
/// Each zero-cost score's tau against the full-budget ranking. Brief: the counts of scores left out
/// last, seconds bare.
Table zero_cost(const StudyTables& t, Form form = Form::full);
/// Each learning-curve predictor's tau at each schedule and budget, with the cost of its run.
/// Brief: the interval headed "CI", statistics beside the tau without their intervals.
Table predictors(const StudyTables& t, Form form = Form::full);
/// Every way to rank by its compute per architecture, cheapest first.
Table cost(const StudyTables& t);
/// The architectures left out of every correlation, and why.
Table excluded(const StudyTables& t);

/// Every table above in its full form, each cell's fullest table first (table6_statistics before
/// table6, so that long_csv takes each number from it): the data form of `rank --format json`.
std::vector<Table> all(const StudyTables& t);

/// "Kendall's tau-b (`kendall_tau_b`)": the study's tau as titles and captions name it.
std::string tau_name(const std::string& variant);

/// Four decimals, as the paper prints correlations and accuracies ("0.7398"); "n/a" when not finite.
std::string number_text(double v);
/// "[0.0797, 0.5672]"; "n/a" when either end is not finite.
std::string interval_text(const ConfidenceInterval& ci);
/// "0.3327 [0.0797, 0.5672]": the estimate and its interval.
std::string estimate_text(const ConfidenceInterval& ci);
/// The target's reliability (StudyTables::target) in words: its variance components, its
/// reliability and the ceiling matched to it, beside what two single seeds are expected to reach.
std::string target_text(const StudyTables& t);
/// " This is the agreement of two single seeds; the target is the median of k seeds, which is more
/// reliable." after the noise ceiling, when the target has two seeds or more ("" otherwise).
std::string single_seed_note(const StudyTables& t);
/// The architecture that is most influential in the most Table 6 cells, when it is so in at least
/// half of them ("a021 moves the tau most in 12 of 16 cells, ..."); "" otherwise.
std::string influence_text(const StudyTables& t);
/// Size as a baseline in one sentence: how well log(parameters) alone ranks the target.
std::string size_text(const StudyTables& t);
/// The sample-size advice (StudyTables::advice) in words; "" when there is none.
std::string advice_text(const StudyTables& t);
/// "93.7%" for 0.937; "n/a" when not finite.
std::string percent_text(double v);
/// "0.149 s", "3.5 min", "1.20 h"; "n/a" when not finite.
std::string seconds_text(double s);

}  // namespace nasrank::ranking::tables
