//! An in-memory synthetic model for the render benchmark and the scale
//! test: `corridors` corridors over `countries` countries, `findings`
//! findings from 50 sources per country, with every structured field the
//! chapters render (quantities, AVR statuses, fees and brackets, routes,
//! tags, profiles), gaps, conflicts and confidential sources. Seeded, so the
//! same arguments give the same model.

// Shared by several test and bench binaries, each using a part of it.
#![allow(unreachable_pub, dead_code)]

use corridor_schema::files::{
    Cited, CountryFile, Education, Fee, FeeItem, Leg, Mode, Per, Profile, Quantity, Sex, TagInput,
};
use corridor_schema::model::{Corridor, Finding, Model, Rate, SourceRecord};
use corridor_schema::{Dimension, FindingKind, Period, Reliability, SourceType, Strength};

/// Country codes the generator draws from.
const CODES: [&str; 24] = [
    "AFG", "ARM", "AZE", "BGD", "BLR", "CHN", "GEO", "IND", "IRN", "IRQ", "KAZ", "KGZ", "LKA",
    "MDA", "MNG", "NPL", "PAK", "RUS", "TJK", "TKM", "TUR", "UKR", "UZB", "VNM",
];

/// The transport modes route legs are drawn from.
const MODES: [Mode; 8] = [
    Mode::Air,
    Mode::Rail,
    Mode::Road,
    Mode::Taxi,
    Mode::Truck,
    Mode::Bus,
    Mode::Foot,
    Mode::Boat,
];

/// SplitMix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn period(s: &str) -> Period {
    s.parse().expect("valid period")
}

/// Builds the synthetic model.
pub fn synthetic(corridors: usize, findings: usize, countries: usize, seed: u64) -> Model {
    let mut rng = Rng(seed);
    let codes = &CODES[..countries.min(CODES.len())];
    let corridors = (0..corridors)
        .map(|i| {
            let origin = rng.pick(codes).to_string();
            let via: Vec<String> = (0..rng.below(3))
                .map(|_| rng.pick(codes).to_string())
                .collect();
            let destination = rng.pick(codes).to_string();
            Corridor {
                id: format!("syn-{i:05}"),
                label: format!("{origin} via {} to {destination}", via.join(", ")),
                origin,
                via,
                destination,
            }
        })
        .collect();
    let mut m = Model {
        corridors,
        ..Model::default()
    };
    m.tags = (0..12)
        .map(|i| TagInput {
            id: format!("tag_{i}"),
            label: format!("Modus operandi {i}"),
            description: format!("Synthetic tag number {i}."),
        })
        .collect();
    m.rates = vec![
        Rate {
            currency: "KGS".into(),
            per_usd: 41.0,
            date: "2005".into(),
            citation: "synthetic".into(),
        },
        Rate {
            currency: "KZT".into(),
            per_usd: 132.9,
            date: "2005".into(),
            citation: "synthetic".into(),
        },
    ];
    let cited = |what: &str, code: &str| {
        (0..3)
            .map(|i| Cited {
                text: format!("Synthetic {what} paragraph {i} about {code}, long enough to wrap in a page like a real one does."),
                citation: format!("Synthetic study, {code} {what} {i}"),
            })
            .collect::<Vec<_>>()
    };
    m.countries = codes
        .iter()
        .map(|c| CountryFile {
            country: c.to_string(),
            name: format!("Country {c}"),
            context: cited("context", c),
            legislation: cited("legislation", c),
            method: cited("method", c),
            recommendations: cited("recommendation", c),
        })
        .collect();
    let per_country = 50;
    for (ci, c) in codes.iter().enumerate() {
        for j in 0..per_country {
            let kind = SourceType::ALL[(ci + j) % SourceType::ALL.len()];
            let confidential = rng.chance(5);
            let id = format!("{}-src-{j:03}", c.to_lowercase());
            m.sources.push(SourceRecord {
                file: format!("{c}/{id}.yaml"),
                kind,
                name: if confidential {
                    format!("Secret Name {c}{j}")
                } else {
                    format!("Open source {c}{j}")
                },
                public_name: confidential.then(|| format!("an official in {c}")),
                public_id: None,
                public_citation: None,
                identifying: vec![],
                confidential,
                reliability: *rng.pick(Reliability::ALL),
                grading_note: None,
                citation: Some(format!("Synthetic study, {c}, source {j}")),
                contact: Some(format!("officer{j}@{}.invalid", c.to_lowercase())),
                country: c.to_string(),
                period: period("2004..2005"),
                collected: None,
                id,
            });
        }
    }
    m.sources.sort_by(|a, b| a.id.cmp(&b.id));
    let n_sources = m.sources.len();
    let per_source = findings.div_ceil(n_sources);
    for s in 0..n_sources {
        let src = m.sources[s].clone();
        for n in 1..=per_source {
            if m.findings.len() == findings {
                break;
            }
            let dimension = *rng.pick(Dimension::ALL);
            let finding = match rng.below(100) {
                0..=79 => FindingKind::Observed,
                80..=87 => FindingKind::NotObserved,
                88..=93 => FindingKind::Unavailable,
                _ => FindingKind::Withheld,
            };
            let evidence = finding.is_evidence();
            let mut cs: Vec<usize> = (0..1 + rng.below(3))
                .map(|_| rng.below(m.corridors.len()))
                .collect();
            cs.sort_unstable();
            cs.dedup();
            let origin = rng.pick(codes).to_string();
            let mut f = Finding {
                id: format!("{}#{n}", src.id),
                source: s,
                kind: src.kind,
                reliability: src.reliability,
                corridors: cs,
                dimension,
                finding,
                phenomenon: Some(corridor_schema::Phenomenon::Smuggling),
                repeats: vec![],
                repeat_set: m.findings.len(),
                trend: None,
                strength: evidence.then(|| *rng.pick(Strength::ALL)),
                credibility: evidence.then(|| 1 + rng.below(6) as u8),
                text: format!(
                    "Synthetic {dimension} finding {n} of {}: the source reports what it saw on these corridors in 2004 and 2005.",
                    src.id
                ),
                citation: format!("Synthetic study, {}, item {n}", src.country),
                period: period(if rng.chance(50) { "2005" } else { "2004..2005" }),
                grading_note: None,
                quantity: None,
                fee: None,
                route: None,
                tags: Vec::new(),
                profile: None,
                n,
            };
            if evidence {
                match dimension {
                    Dimension::Magnitude if rng.chance(60) => {
                        let avr = src.kind == SourceType::Avr;
                        f.quantity = Some(Quantity {
                            value: Some((1 + rng.below(5000)) as f64),
                            min: None,
                            max: None,
                            percent: None,
                            n: None,
                            unit: if avr {
                                "cases".to_string()
                            } else {
                                rng.pick(&["persons", "cases", "visas"]).to_string()
                            },
                            per: Some(*rng.pick(&[Per::Year, Per::Month, Per::Period])),
                            of: Some("migrants detained".into()),
                            category: avr.then(|| {
                                rng.pick(&["returned", "disappeared", "deported"])
                                    .to_string()
                            }),
                            location: Some(rng.pick(codes).to_string()),
                        });
                    }
                    Dimension::Fees if rng.chance(70) => {
                        let bracket = src.kind == SourceType::MigrantInterview;
                        let lo = (rng.below(8) * 500) as f64;
                        f.fee = Some(Fee {
                            value: (!bracket).then(|| (50 + rng.below(5000)) as f64),
                            min: bracket.then_some(lo),
                            max: bracket.then_some(lo + 500.0),
                            currency: if bracket {
                                "USD"
                            } else {
                                rng.pick(&["USD", "KGS", "KZT"])
                            }
                            .to_string(),
                            covers: if bracket {
                                FeeItem::TotalTrip
                            } else {
                                FeeItem::Transport
                            },
                            respondents: bracket.then(|| 1 + rng.below(9) as u32),
                        });
                        f.profile = Some(Profile {
                            origin: Some(origin),
                            ..Profile::default()
                        });
                    }
                    Dimension::Routes if rng.chance(60) => {
                        f.route = Some(
                            (0..3 + rng.below(4))
                                .map(|i| Leg {
                                    to: rng.pick(codes).to_string(),
                                    mode: (i > 0).then(|| *rng.pick(&MODES)),
                                })
                                .collect(),
                        );
                    }
                    Dimension::Organization => {
                        f.tags = (0..1 + rng.below(2))
                            .map(|_| format!("tag_{}", rng.below(12)))
                            .collect();
                        f.tags.sort();
                        f.tags.dedup();
                    }
                    Dimension::Profile if rng.chance(70) => {
                        f.profile = Some(Profile {
                            sex: Some(*rng.pick(&[Sex::Male, Sex::Female, Sex::Mixed])),
                            age_min: Some(18),
                            age_max: Some(40),
                            education: Some(*rng.pick(&[Education::Primary, Education::Secondary])),
                            origin: Some(origin),
                            origin_area: None,
                            motive: Some("work".into()),
                        });
                    }
                    _ => {}
                }
            }
            m.findings.push(f);
        }
    }
    m
}
