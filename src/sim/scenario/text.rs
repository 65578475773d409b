//! The report in plain words.

use super::{Report, Verdict};

pub(super) fn render(report: &Report) -> String {
    let mut out = format!("{}\n", report.scenario.title());
    for line in report.verdict.summary() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

impl Verdict {
    /// The verdict in plain sentences, the most important first.
    pub fn summary(&self) -> Vec<String> {
        vec![format!("Saves lost: {}", self.saves_lost)]
    }
}
