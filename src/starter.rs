//! A starter rule file from the questions an ICP is built from
//! (`icpc init`): who the buyers are (industries, size, revenue,
//! geography, titles, departments, technologies), how engaged they are,
//! and who to exclude.
//!
//! The file is written as text, then parsed, checked and formatted like
//! any other, so what `icpc init` writes always passes `icpc check` and is
//! already in the layout `icpc fmt` gives; an answer the language cannot
//! hold (an empty list item, say) comes back as a diagnostic of the
//! generated file, not as a broken file on disk.

use crate::diagnostic::Diagnostic;
use crate::format::{self, text_literal};
use crate::source::Source;
use crate::syntax;
use serde::Deserialize;
use std::fmt::Write as _;

/// The answers to the questions an ICP is built from. Every list may be
/// empty and every bound absent: the question is then left out of the file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    /// What the profile is called, for the file's header comment.
    pub name: String,
    /// Industries that fit (`industry in [...]`).
    pub industries: Vec<String>,
    /// Company size that fits, in employees (`employees MIN..MAX`).
    pub employees: Option<SizeRange>,
    /// The least annual revenue that fits (`revenue >= N`).
    pub min_revenue: Option<u64>,
    /// Countries that fit (`country in [...]`).
    pub countries: Vec<String>,
    /// Words of the buyers' titles (`title matches /\b(vp|head)\b/i`).
    pub titles: Vec<String>,
    /// The buyers' departments (`department in [...]`).
    pub departments: Vec<String>,
    /// Technologies that fit (`tech has any [...]`).
    pub technologies: Vec<String>,
    /// Whether to score intent (recent activity and web visits).
    pub intent: bool,
    /// Who to exclude.
    pub exclude: Exclusions,
}

/// The leads a profile must never route to a rep.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Exclusions {
    /// Students and academics (`email ends_with ".edu"`).
    pub students: bool,
    /// Competitors' email domains (`email_domain in [...]`).
    pub competitors: Vec<String>,
    /// Existing customers (`is_customer == true`).
    pub customers: bool,
    /// Companies too small to buy: fewer employees than this.
    pub min_employees: Option<u64>,
}

/// An inclusive range of company sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct SizeRange {
    /// The smallest size that fits.
    pub min: u64,
    /// The largest size that fits.
    pub max: u64,
}

impl Default for Answers {
    /// The answers of a typical mid-market B2B SaaS seller: the defaults
    /// `icpc init` offers at each prompt.
    fn default() -> Answers {
        let words = |items: &[&str]| items.iter().map(|item| (*item).to_owned()).collect();
        Answers {
            name: "Ideal customer profile".to_owned(),
            industries: words(&["SaaS", "Fintech"]),
            employees: Some(SizeRange { min: 10, max: 1000 }),
            min_revenue: Some(1_000_000),
            countries: words(&["US", "CA", "GB"]),
            titles: words(&["vp", "head", "director", "chief"]),
            departments: words(&["Sales", "Marketing"]),
            technologies: words(&["Salesforce", "HubSpot"]),
            intent: true,
            exclude: Exclusions::default(),
        }
    }
}

impl Default for Exclusions {
    fn default() -> Exclusions {
        Exclusions {
            students: true,
            competitors: Vec::new(),
            customers: true,
            min_employees: Some(5),
        }
    }
}

/// Points each fitting firmographic or buyer rule adds to `fit`, and each
/// intent rule to `intent`: equal weights, a starting point the team tunes.
const FIT_POINTS: u64 = 20;
const INTENT_POINTS: u64 = 10;

/// The starter rule file for `answers`: checked, in the canonical layout,
/// ending with one line break.
pub fn starter_file(answers: &Answers) -> Result<String, Invalid> {
    let source = Source::new("<init>", draft(answers));
    if let Err(diagnostics) = crate::compile(&source) {
        return Err(Invalid {
            source,
            diagnostics,
        });
    }
    match syntax::parse(&source).into_result() {
        Ok(file) => Ok(format::format(&file, &source)),
        Err(diagnostics) => Err(Invalid {
            source,
            diagnostics,
        }),
    }
}

/// Answers that make no valid rule file (e.g. a backwards size range from
/// an answers file): the generated text and what is wrong with it.
#[derive(Debug, Clone)]
pub struct Invalid {
    /// The generated text, for rendering the diagnostics.
    pub source: Source,
    /// What is wrong with it.
    pub diagnostics: Vec<Diagnostic>,
}

/// The rule file's text before formatting.
fn draft(answers: &Answers) -> String {
    let mut rules = Rules::default();
    let exclude = &answers.exclude;
    if !answers.industries.is_empty() {
        rules.fit(
            "industry: text",
            "industry_fit",
            &format!("industry in {}", list(&answers.industries)),
        );
    }
    if let Some(SizeRange { min, max }) = answers.employees {
        rules.field("employees: int");
        rules.fit("", "size_fit", &format!("employees {min}..{max}"));
    }
    if let Some(revenue) = answers.min_revenue {
        rules.fit(
            "revenue: number",
            "revenue_fit",
            &format!("revenue >= {}", number(revenue)),
        );
    }
    if !answers.countries.is_empty() {
        rules.fit(
            "country: text",
            "geo_fit",
            &format!("country in {}", list(&answers.countries)),
        );
    }
    if !answers.titles.is_empty() {
        rules.fit(
            "title: text",
            "buyer_title",
            &format!("title matches {}", title_pattern(&answers.titles)),
        );
    }
    if !answers.departments.is_empty() {
        rules.fit(
            "department: text",
            "buyer_department",
            &format!("department in {}", list(&answers.departments)),
        );
    }
    if !answers.technologies.is_empty() {
        rules.fit(
            "tech: list<text>",
            "tech_fit",
            &format!("tech has any {}", list(&answers.technologies)),
        );
    }
    if answers.intent {
        rules.intent(
            "last_activity: date",
            "recent_activity",
            "last_activity within 30 days",
        );
        rules.intent("web_visits_30d: int", "engaged", "web_visits_30d >= 5");
    }
    if exclude.students {
        rules.exclude(
            "email: text",
            "no_students",
            "email ends_with \".edu\"",
            "students are not buyers",
        );
    }
    if !exclude.competitors.is_empty() {
        rules.exclude(
            "email_domain: text",
            "no_competitors",
            &format!("email_domain in {}", list(&exclude.competitors)),
            "competitor",
        );
    }
    if exclude.customers {
        rules.exclude(
            "is_customer: bool",
            "no_customers",
            "is_customer == true",
            "already a customer: route to account management",
        );
    }
    if let Some(min) = exclude.min_employees {
        rules.field("employees: int");
        rules.exclude(
            "",
            "too_small",
            &format!("employees < {}", number(min)),
            "too small to buy",
        );
    }
    rules.into_text(&answers.name)
}

/// The declarations gathered from the answers, in the order they print.
#[derive(Default)]
struct Rules {
    fields: Vec<String>,
    fit: Vec<String>,
    intent: Vec<String>,
    exclusions: Vec<String>,
    max_fit: u64,
}

impl Rules {
    /// Declares a schema field once, however many rules read it.
    fn field(&mut self, field: &str) {
        if !field.is_empty() && !self.fields.iter().any(|known| known == field) {
            self.fields.push(field.to_owned());
        }
    }

    fn fit(&mut self, field: &str, name: &str, condition: &str) {
        self.field(field);
        self.fit
            .push(format!("rule {name}: {condition} => fit +{FIT_POINTS}"));
        self.max_fit += FIT_POINTS;
    }

    fn intent(&mut self, field: &str, name: &str, condition: &str) {
        self.field(field);
        self.intent.push(format!(
            "rule {name}: {condition} => intent +{INTENT_POINTS}"
        ));
    }

    fn exclude(&mut self, field: &str, name: &str, condition: &str, reason: &str) {
        self.field(field);
        let reason = format::quoted(reason);
        self.exclusions
            .push(format!("rule {name}: {condition} => disqualify {reason}"));
    }

    fn into_text(self, name: &str) -> String {
        let mut text = String::new();
        let title = name.lines().next().unwrap_or_default().trim();
        let title = if title.is_empty() {
            "Ideal customer profile"
        } else {
            title
        };
        let _ = writeln!(text, "# {title}");
        text.push_str(
            "#\n# Written by `icpc init`: a starting point. Tune the points and the tier\n\
             # thresholds to your won deals, and run `icpc check` after each change.\n\n",
        );
        text.push_str("schema {\n  id: text\n");
        for field in &self.fields {
            let _ = writeln!(text, "  {field}");
        }
        text.push_str("}\n\n");
        let scores_fit = !self.fit.is_empty();
        let scores_intent = !self.intent.is_empty();
        if scores_fit {
            text.push_str("score fit\n");
        }
        if scores_intent {
            text.push_str("score intent\n");
        }
        for (heading, rules) in [
            ("Who fits", &self.fit),
            ("Who is in market", &self.intent),
            ("Who we never sell to", &self.exclusions),
        ] {
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(text, "\n# {heading}");
            for rule in rules {
                let _ = writeln!(text, "{rule}");
            }
        }
        text.push('\n');
        text.push_str(&tiers(self.max_fit, scores_fit, scores_intent));
        text
    }
}

/// Tier A for leads that fit most of the profile (and are in market, when
/// intent is scored), B for half of it, C for the rest.
fn tiers(max_fit: u64, scores_fit: bool, scores_intent: bool) -> String {
    let round = |points: u64| points / FIT_POINTS * FIT_POINTS;
    let in_market = format!("intent >= {INTENT_POINTS}");
    if !scores_fit {
        let a = if scores_intent {
            in_market.as_str()
        } else {
            "otherwise"
        };
        let c = if scores_intent {
            "tier C: otherwise\n"
        } else {
            ""
        };
        return format!("tier A: {a}\n{c}");
    }
    let a = round(max_fit * 7 / 10).max(FIT_POINTS);
    let b = round(max_fit / 2).max(FIT_POINTS);
    let a_condition = if scores_intent {
        format!("fit >= {a} and {in_market}")
    } else {
        format!("fit >= {a}")
    };
    // With intent, B also takes the leads that fit as A does but are not
    // in market yet; without it, B exists only below A's threshold.
    let b_line = if b < a || scores_intent {
        format!("tier B: fit >= {}\n", b.min(a))
    } else {
        String::new()
    };
    format!("tier A: {a_condition}\n{b_line}tier C: otherwise\n")
}

/// A list literal; each item bare where the grammar reads it back as the
/// same word, quoted otherwise.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| text_literal(item.trim())).collect();
    format!("[{}]", items.join(", "))
}

/// A number with `_` between thousands, as the formatter prefers to read.
fn number(value: u64) -> String {
    let digits = value.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('_');
        }
        out.push(digit);
    }
    out
}

/// A case-insensitive pattern matching any of the title words as whole
/// words: `/\b(vp|head of sales)\b/i`.
fn title_pattern(words: &[String]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|word| regex::escape(&word.trim().to_lowercase()).replace('/', "\\/"))
        .collect();
    format!("/\\b({})\\b/i", alternatives.join("|"))
}

#[cfg(test)]
mod tests;
