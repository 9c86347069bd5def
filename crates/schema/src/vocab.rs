//! The closed vocabularies of METHOD.md §1–§2: source types, source groups,
//! dimensions, finding kinds, strengths and the Admiralty grades.
//!
//! These are the words every other crate speaks. Their serialised names are
//! the keys of METHOD.md and must never change without a new method version.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Defines a closed, ordered vocabulary: the enum, its `ALL` list in method
/// order, the serialised key of each value and `Display` as that key.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant),+
        }
        impl $name {
            /// Every value, in the fixed order of METHOD.md.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The key used in files, vectors, columns and JSON.
            pub const fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
            /// The value with the given key, if any.
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.key() == key)
            }
            /// All keys, comma-separated, for "expected one of" messages.
            pub fn keys() -> String {
                Self::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", ")
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

vocab! {
    /// The eleven indicators of the study (METHOD.md §1), in the fixed order
    /// used for every vector, column and chart.
    SourceType {
        /// Data from border services: crossings, apprehensions, detentions, deportations.
        BorderService = "border_service",
        /// Statistics from migration services, police, ministries.
        MigrationService = "migration_service",
        /// Assisted Voluntary Return cases.
        Avr = "avr",
        /// Interviews with migrants.
        MigrantInterview = "migrant_interview",
        /// Interviews with NGOs.
        NgoInterview = "ngo_interview",
        /// Interviews with travel agencies, airlines, railways.
        TravelIndustry = "travel_industry",
        /// Interviews with IOM representatives in the region.
        IomStaff = "iom_staff",
        /// Statistics from embassies and consulates.
        Embassy = "embassy",
        /// Statistics from international organisations.
        IntlOrgStats = "intl_org_stats",
        /// Media.
        Media = "media",
        /// Internet: fora, advertisements, web sites.
        Internet = "internet",
    }
}

/// Number of source types; the length of every strength vector.
pub const N_TYPES: usize = 11;

impl SourceType {
    /// A short human label, for tables and charts.
    pub const fn label(self) -> &'static str {
        match self {
            SourceType::BorderService => "Border services",
            SourceType::MigrationService => "Migration services",
            SourceType::Avr => "AVR cases",
            SourceType::MigrantInterview => "Migrant interviews",
            SourceType::NgoInterview => "NGO interviews",
            SourceType::TravelIndustry => "Travel industry",
            SourceType::IomStaff => "IOM staff",
            SourceType::Embassy => "Embassies",
            SourceType::IntlOrgStats => "International statistics",
            SourceType::Media => "Media",
            SourceType::Internet => "Internet",
        }
    }

    /// The default source group of METHOD.md §1.
    pub const fn default_group(self) -> &'static str {
        match self {
            SourceType::BorderService | SourceType::MigrationService | SourceType::Embassy => {
                "official"
            }
            SourceType::Avr | SourceType::IomStaff | SourceType::IntlOrgStats => "humanitarian",
            SourceType::NgoInterview => "civil_society",
            SourceType::MigrantInterview => "field",
            SourceType::TravelIndustry => "commercial",
            SourceType::Media | SourceType::Internet => "open",
        }
    }
}

vocab! {
    /// What a finding speaks to (METHOD.md §1).
    Dimension {
        /// How many people move, are caught or returned.
        Magnitude = "magnitude",
        /// Where and by what means they travel.
        Routes = "routes",
        /// How the smuggling is organised: actors, modus operandi.
        Organization = "organization",
        /// What the migrants pay.
        Fees = "fees",
        /// Who the migrants are.
        Profile = "profile",
    }
}

vocab! {
    /// What the source reports (METHOD.md §1).
    FindingKind {
        /// The source reports the phenomenon on the corridor: support.
        Observed = "observed",
        /// The source looked and did not see it: counter-evidence.
        NotObserved = "not_observed",
        /// The source has or gave no data: a gap, no effect on scores.
        Unavailable = "unavailable",
        /// The source declined to disclose: a gap, reported separately.
        Withheld = "withheld",
    }
}

impl FindingKind {
    /// Whether the finding enters the scores (observed or not_observed).
    pub const fn is_evidence(self) -> bool {
        matches!(self, FindingKind::Observed | FindingKind::NotObserved)
    }
}

vocab! {
    /// What a finding is evidence of (METHOD.md §1, "Phenomena"). The first
    /// three are scored, each with its own strength vector; the last two
    /// change no number and are reported as lawful flows and context.
    Phenomenon {
        /// Procurement of irregular entry or transit for gain.
        Smuggling = "smuggling",
        /// Irregular entry, stay, transit or work with no sign of a facilitator.
        IrregularMigration = "irregular_migration",
        /// Recruitment or transport by deception or coercion for exploitation.
        Trafficking = "trafficking",
        /// Lawful movement: entries, visas, permits, asylum claims, legal costs.
        RegularMovement = "regular_movement",
        /// Background that explains movement but indicates none.
        Context = "context",
    }
}

impl Phenomenon {
    /// The scored phenomena, in method order; smuggling is the headline.
    pub const SCORED: [Phenomenon; 3] = [
        Phenomenon::Smuggling,
        Phenomenon::IrregularMigration,
        Phenomenon::Trafficking,
    ];

    /// Whether the phenomenon has scores (METHOD.md §1).
    pub const fn is_scored(self) -> bool {
        matches!(
            self,
            Phenomenon::Smuggling | Phenomenon::IrregularMigration | Phenomenon::Trafficking
        )
    }

    /// The phenomenon in words, for reports ("irregular migration").
    pub const fn words(self) -> &'static str {
        match self {
            Phenomenon::Smuggling => "smuggling of migrants",
            Phenomenon::IrregularMigration => "irregular migration",
            Phenomenon::Trafficking => "trafficking in persons",
            Phenomenon::RegularMovement => "lawful movement",
            Phenomenon::Context => "context",
        }
    }
}

vocab! {
    /// The direction a source reports (METHOD.md §1 is silent on numbers:
    /// a trend changes no score; the chapters say who reports a rise or a fall).
    Trend {
        /// The source reports a rise.
        Increasing = "increasing",
        /// The source reports no change.
        Stable = "stable",
        /// The source reports a decline.
        Decreasing = "decreasing",
    }
}

vocab! {
    /// How directly a finding indicates smuggling on the corridor (METHOD.md §2).
    Strength {
        /// σ = 1/3.
        Weak = "weak",
        /// σ = 2/3.
        Moderate = "moderate",
        /// σ = 1.
        Strong = "strong",
    }
}

vocab! {
    /// Admiralty reliability of a source, A (completely reliable) to F
    /// (cannot be judged).
    Reliability {
        /// Completely reliable.
        A = "A",
        /// Usually reliable.
        B = "B",
        /// Fairly reliable.
        C = "C",
        /// Not usually reliable.
        D = "D",
        /// Unreliable.
        E = "E",
        /// Reliability cannot be judged.
        F = "F",
    }
}

/// Admiralty credibility of a finding, 1 (confirmed) to 6 (cannot be
/// judged). Stored as read; validation rejects values outside 1–6.
pub type Credibility = u8;

/// The Admiralty grade of a finding as printed in footnotes, e.g. `B2`.
pub fn grade(reliability: Reliability, credibility: Option<Credibility>) -> String {
    match credibility {
        Some(c) => format!("{reliability}{c}"),
        None => reliability.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_types_are_in_method_order() {
        let keys: Vec<_> = SourceType::ALL.iter().map(|t| t.key()).collect();
        assert_eq!(
            keys,
            [
                "border_service",
                "migration_service",
                "avr",
                "migrant_interview",
                "ngo_interview",
                "travel_industry",
                "iom_staff",
                "embassy",
                "intl_org_stats",
                "media",
                "internet"
            ]
        );
        assert_eq!(SourceType::ALL.len(), N_TYPES);
        for (i, t) in SourceType::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(SourceType::from_key(t.key()), Some(*t));
        }
    }

    #[test]
    fn default_groups_match_method_table() {
        use SourceType::*;
        let official: Vec<_> = SourceType::ALL
            .iter()
            .filter(|t| t.default_group() == "official")
            .copied()
            .collect();
        assert_eq!(official, [BorderService, MigrationService, Embassy]);
        assert_eq!(Avr.default_group(), "humanitarian");
        assert_eq!(Internet.default_group(), "open");
    }

    #[test]
    fn grade_prints_letter_and_digit() {
        assert_eq!(grade(Reliability::B, Some(2)), "B2");
        assert_eq!(grade(Reliability::F, None), "F");
    }
}
