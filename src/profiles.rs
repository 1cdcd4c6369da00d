//! Several profiles in one run (`icpc eval --profile marketing=m.icp
//! --profile sales=s.icp leads.csv`): each lead is read once and scored by
//! every profile, and its one output line holds each profile's verdict
//! under the profile's name.
//!
//! The profiles are separate rule files, each compiled on its own (they
//! may share definitions by `include`). Their fields are joined into one
//! layout (`diff::union`, folded over the profiles), so one reader types
//! every field any profile tests, and each profile's program is rewritten
//! to that layout and planned. The streaming driver does the reading,
//! threads, input order and rejected lines; the scorer writes each
//! profile's verdict into the line (`output::Format::Bare`), and, with
//! `tally`, each profile's summary and the cross-tab of the first
//! profile's outcomes against each other profile's ([`crosstab`]). With
//! `explain`, each profile's verdict carries its own explanation; with
//! `split`, each lead is routed to its audience in every profile
//! ([`Profiles::audiences`]).

pub mod crosstab;
mod verdicts;

use crate::diff::union::{self, TypeConflict};
use crate::eval::Evaluator;
use crate::explain;
use crate::ir;
use crate::plan::{self, Plan};
use crate::ruleset::RuleSet;
use crate::source::Source;
use crate::stream::{self, Settings, Sink};
use crate::summary::Summary;
use crate::trace;
use crate::verdict::{Context, Verdict};
pub use crosstab::CrossTab;
use std::io::{self, Read};
use std::sync::Mutex;

/// Named rule sets over one field layout, ready to score a stream.
#[derive(Debug)]
pub struct Profiles {
    names: Vec<String>,
    /// Each profile's program on the joined field layout.
    programs: Vec<ir::Program>,
    plans: Vec<Plan>,
    /// Each profile's rule text, which explanations point into.
    sources: Vec<Source>,
    /// What the reader reads by: every field any profile tests.
    reader: ir::Program,
}

/// What a run splits its lines by: one audience per tier (with
/// `_disqualified` and `_no_tier`) or per segment (with `_no_segment`),
/// in every profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitBy {
    /// Each lead in exactly one audience per profile.
    Tier,
    /// Each lead in each of its segments, or in `_no_segment`, per profile.
    Segment,
}

/// A field two profiles test with different types: one record cannot
/// type its value for both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The profile that declares the other type.
    pub profile: String,
    /// The field and its two types.
    pub conflict: TypeConflict,
}

/// How to score: the as-of day, whether to tally, CSV or JSON Lines.
#[derive(Debug, Clone)]
pub struct Options {
    /// The as-of day of `within N days`.
    pub context: Context,
    /// Tally each profile's summary and the cross-tabs.
    pub tally: bool,
    /// JSON members added after the profiles (provenance); empty for none.
    pub members: Vec<u8>,
    /// Add an `explanation` of this form to each profile's JSON verdict.
    pub explain: Option<explain::Form>,
    /// Route each line to its audiences: the verdict the scorer hands the
    /// driver then lists, as its segments, the lead's indexes into
    /// [`Profiles::audiences`] (its real verdicts are in the line).
    pub split: Option<SplitBy>,
}

/// What a run found besides the lines it wrote.
#[derive(Debug, Clone)]
pub struct Report {
    /// The driver's totals (records read, scored, rejected).
    pub totals: Summary,
    /// Each profile's summary, in profile order (tallies only with `tally`).
    pub summaries: Vec<Summary>,
    /// The first profile against each other one, with `tally`.
    pub crosstabs: Vec<CrossTab>,
}

impl Profiles {
    /// The profiles, in the order given; names must differ (the caller
    /// checks, it knows where they were written).
    pub fn new(profiles: &[(String, RuleSet)]) -> Result<Profiles, Conflict> {
        let mut reader = profiles
            .first()
            .map(|(_, rules)| rules.program().clone())
            .unwrap_or_default();
        let mut programs = Vec::with_capacity(profiles.len());
        for (name, rules) in profiles {
            let joined = union::union(rules.program(), &reader).map_err(|conflict| Conflict {
                profile: name.clone(),
                conflict,
            })?;
            reader = joined.reader;
            programs.push(joined.old);
        }
        // Every program reads by the final layout: earlier ones keep their
        // ids (a union keeps the fields it started from first).
        for program in &mut programs {
            program.fields.clone_from(&reader.fields);
        }
        let plans = (programs.iter())
            .map(|program| plan::plan(program, &plan::Options::default()))
            .collect();
        Ok(Profiles {
            names: profiles.iter().map(|(name, _)| name.clone()).collect(),
            programs,
            plans,
            sources: (profiles.iter())
                .map(|(_, rules)| rules.source().clone())
                .collect(),
            reader,
        })
    }

    /// Every audience of a split, profile by profile: (profile index,
    /// audience name), the tiers then `_disqualified` and `_no_tier`, or
    /// the segments then `_no_segment` (none for a profile without
    /// segments: it has no audiences to split into).
    pub fn audiences(&self, by: SplitBy) -> Vec<(usize, String)> {
        let mut audiences = Vec::new();
        for (profile, program) in self.programs.iter().enumerate() {
            let names = audience_names(program, by).into_iter();
            audiences.extend(names.map(|name| (profile, name)));
        }
        audiences
    }

    /// The profiles' names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Each profile's program (on the joined field layout), in order.
    pub fn programs(&self) -> &[ir::Program] {
        &self.programs
    }

    /// The CSV header cells after `id` and the kept columns: per profile,
    /// `NAME_SCORE...`, `NAME_tier`, `NAME_segments` (when it has
    /// segments), `NAME_disqualified`, `NAME_matched`, `NAME_reasons`;
    /// then `warnings`. Each cell starts with a comma; the row ends with
    /// a line break.
    pub fn csv_header(&self) -> Vec<u8> {
        verdicts::csv_header(&self.names, &self.programs)
    }

    /// Scores every lead of `input` with every profile into `sink`, one
    /// line per lead in input order (`settings.output` must be
    /// [`crate::output::Format::Bare`]).
    pub fn score_stream(
        &self,
        settings: &Settings,
        options: &Options,
        input: impl Read + Send,
        sink: &mut dyn Sink,
    ) -> io::Result<Report> {
        let csv = settings.output == (crate::output::Format::Bare { csv: true });
        let writers: Vec<verdicts::Writer> = (self.names.iter().zip(&self.programs))
            .map(|(name, program)| verdicts::Writer::new(name, program))
            .collect();
        let shared = Mutex::new(Tallies::new(self));
        let explainers: Vec<Option<explain::JsonWriter>> = (self.programs.iter())
            .zip(&self.sources)
            .map(|(program, source)| {
                (options.explain)
                    .map(|form| explain::JsonWriter::new(explain::Rules { program, source }, form))
            })
            .collect();
        let routes = options.split.map(|by| Router::new(self, by));
        let new_scorer = || -> Box<stream::Scorer<'_>> {
            let mut evaluators: Vec<Evaluator<'_>> = (self.plans.iter())
                .map(|plan| Evaluator::new(plan, &options.context))
                .collect();
            let mut verdicts: Vec<Verdict> = vec![Verdict::default(); self.plans.len()];
            let mut local = Local {
                tallies: Tallies::new(self),
                shared: &shared,
            };
            let writers = &writers;
            let explainers = &explainers;
            let routes = routes.as_ref();
            let members = options.members.clone();
            let tally = options.tally;
            let traced = tally || options.explain.is_some();
            let mut explanations: Vec<Vec<u8>> = vec![Vec::new(); self.plans.len()];
            Box::new(move |record, verdict, extra| {
                let mut traces = Vec::new();
                for (index, evaluator) in evaluators.iter_mut().enumerate() {
                    if traced {
                        let (scored, trace) =
                            trace::trace(evaluator, &self.programs[index], record);
                        verdicts[index] = scored;
                        traces.push(trace);
                    } else {
                        verdicts[index].clone_from(evaluator.eval(record));
                    }
                }
                if tally {
                    local.tallies.add(self, &verdicts, &traces);
                }
                for (index, explainer) in explainers.iter().enumerate() {
                    let out = &mut explanations[index];
                    out.clear();
                    if let Some(explainer) = explainer {
                        out.extend_from_slice(b",\"explanation\":");
                        let lead = explain::Lead {
                            program: &self.programs[index],
                            record,
                            verdict: &verdicts[index],
                            steps: &traces[index].steps,
                        };
                        explainer.write(out, lead);
                    }
                }
                verdicts::write(writers, &verdicts, &explanations, csv, extra);
                if !csv {
                    extra.extend_from_slice(&members);
                }
                match routes {
                    Some(routes) => routes.route(&verdicts, verdict),
                    None => {
                        if let Some(first) = verdicts.first() {
                            verdict.clone_from(first);
                        }
                    }
                }
            })
        };
        let totals = stream::run(&self.reader, &new_scorer, settings, input, sink)?;
        let tallies = shared
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut summaries = tallies.summaries;
        for summary in &mut summaries {
            // The driver's totals, which tallies leave at zero.
            summary.merge(&totals);
            summary.columns.clone_from(&totals.columns);
            summary.delimiter = totals.delimiter;
            summary.fields_used = totals.fields_used;
        }
        Ok(Report {
            totals,
            summaries,
            crosstabs: tallies.crosstabs,
        })
    }
}

/// The audiences one program splits into, in the order a route indexes
/// them: its tiers, `_disqualified`, `_no_tier`; or its segments and
/// `_no_segment`, none at all for a program without segments.
pub fn audience_names(program: &ir::Program, by: SplitBy) -> Vec<String> {
    let names: Vec<&str> = match by {
        SplitBy::Tier => (program.tiers.iter().map(|tier| tier.name.as_str()))
            .chain(["_disqualified", "_no_tier"])
            .collect(),
        SplitBy::Segment if program.segments.is_empty() => Vec::new(),
        SplitBy::Segment => (program.segments.iter().map(|segment| segment.name.as_str()))
            .chain(["_no_segment"])
            .collect(),
    };
    names.into_iter().map(str::to_owned).collect()
}

/// Where each profile's audiences start among [`Profiles::audiences`].
#[derive(Debug, Clone)]
struct Router {
    by: SplitBy,
    /// Per profile: its first audience's index.
    first: Vec<u32>,
    /// Per profile: its tiers (or segments).
    counts: Vec<u32>,
}

impl Router {
    fn new(profiles: &Profiles, by: SplitBy) -> Router {
        let counts: Vec<u32> = (profiles.programs.iter())
            .map(|program| match by {
                SplitBy::Tier => program.tiers.len() as u32,
                SplitBy::Segment => program.segments.len() as u32,
            })
            .collect();
        let first = (counts.iter())
            .scan(0, |next, &count| {
                let first = *next;
                *next += match by {
                    SplitBy::Tier => count + 2,
                    SplitBy::Segment if count == 0 => 0,
                    SplitBy::Segment => count + 1,
                };
                Some(first)
            })
            .collect();
        Router { by, first, counts }
    }

    /// Puts the lead's audiences, in every profile, into `route`'s segments.
    fn route(&self, verdicts: &[Verdict], route: &mut Verdict) {
        route.segments.clear();
        route.tier = None;
        route.disqualified = false;
        for ((verdict, first), count) in verdicts.iter().zip(&self.first).zip(&self.counts) {
            match self.by {
                SplitBy::Tier => route
                    .segments
                    .push(match (verdict.disqualified, verdict.tier) {
                        (true, _) => first + count,
                        (false, Some(tier)) => first + tier,
                        (false, None) => first + count + 1,
                    }),
                SplitBy::Segment if *count == 0 => {}
                SplitBy::Segment if verdict.segments.is_empty() => {
                    route.segments.push(first + count);
                }
                SplitBy::Segment => {
                    (route.segments).extend(verdict.segments.iter().map(|segment| first + segment));
                }
            }
        }
    }
}

/// What one worker (or the whole run) tallied.
#[derive(Debug, Clone)]
struct Tallies {
    summaries: Vec<Summary>,
    crosstabs: Vec<CrossTab>,
}

impl Tallies {
    fn new(profiles: &Profiles) -> Tallies {
        let programs = &profiles.programs;
        Tallies {
            summaries: programs.iter().map(Summary::new).collect(),
            crosstabs: (1..programs.len())
                .map(|other| CrossTab::new(profiles, 0, other))
                .collect(),
        }
    }

    fn add(&mut self, profiles: &Profiles, verdicts: &[Verdict], traces: &[trace::Trace]) {
        for ((summary, verdict), traced) in self.summaries.iter_mut().zip(verdicts).zip(traces) {
            summary.add(verdict, traced);
        }
        for crosstab in &mut self.crosstabs {
            crosstab.add(profiles, verdicts, traces);
        }
    }

    fn merge(&mut self, other: &Tallies) {
        for (mine, theirs) in self.summaries.iter_mut().zip(&other.summaries) {
            mine.merge(theirs);
        }
        for (mine, theirs) in self.crosstabs.iter_mut().zip(&other.crosstabs) {
            mine.merge(theirs);
        }
    }
}

/// A worker's tallies, added into the shared ones when dropped.
struct Local<'a> {
    tallies: Tallies,
    shared: &'a Mutex<Tallies>,
}

impl Drop for Local<'_> {
    fn drop(&mut self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.merge(&self.tallies);
        }
    }
}
