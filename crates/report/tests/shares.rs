//! Issue 11, shares: a `quantity: {percent, n}` is shown in a chapter as a
//! percentage with its base and no time span, and never enters a sum (the
//! AVR status table) beside the counts it sits next to.
//!
//! The fixture model of `tests/fixtures/mini` is copied and one AVR file
//! with a share is added, so the other tests' fixture stays as it is.

use corridor_report::build::{self, Charts, Ctx};
use corridor_report::{Audience, Options, Templates};
use corridor_schema::Published;
use corridor_score::{Filter, Scored, Weighting};
use std::path::Path;

/// Copies folder `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

const SHARE_FILE: &str = r#"id: kgz-avr-share
source:
  type: avr
  name: IOM AVR programme survey
  reliability: B
  citation: "Fixture study, §5.3, survey of AVR applicants"
country: KGZ
period: 2005
findings:
  - corridors: [bgd-kgz-kaz]
    dimension: magnitude
    finding: observed
    phenomenon: smuggling
    strength: moderate
    credibility: 2
    text: Forty per cent of the 25 AVR applicants asked had been returned once before.
    quantity: {percent: 40, n: 25, unit: cases, of: Bangladeshi AVR applicants, category: returned, location: KAZ}
  - corridors: [bgd-kgz]
    dimension: magnitude
    finding: observed
    phenomenon: smuggling
    strength: weak
    credibility: 3
    text: About a third of the applicants in Kyrgyzstan had a forged document.
    quantity: {percent: 33.333, unit: cases, of: Bangladeshi AVR applicants, category: disappeared, location: KGZ}
"#;

#[test]
fn a_share_is_shown_with_its_base_and_never_summed_with_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mini = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    copy_tree(&mini, dir.path());
    std::fs::write(dir.path().join("KGZ/avr-share.yaml"), SHARE_FILE).unwrap();
    let model = corridor_schema::load_valid(dir.path())
        .expect("fixture loads")
        .0;

    let mut opts = Options::new("equal weights");
    opts.audience = Audience::Public;
    let templates = Templates::embedded().expect("templates compile");
    let published = Published::new(&model, opts.audience);
    let scored = Scored::new(&model, &Weighting::equal(), &Filter::default());
    let ctx = Ctx::new(&published, &scored, &opts).expect("valid options");
    let shared = Default::default();
    let mut charts = Charts::new(&templates, &shared);
    let view = build::chapter(&ctx, "KGZ", &mut charts).expect("chapter builds");

    let figures: Vec<(&str, &str)> = view
        .magnitude
        .topics
        .iter()
        .flat_map(|t| {
            t.rows
                .iter()
                .map(|r| (r.figure.as_str(), r.period.as_str()))
        })
        .filter(|(fig, _)| fig.contains('%'))
        .collect();
    assert_eq!(figures, [("40% (n = 25)", "2005"), ("33.3%", "2005")]);

    // The AVR status table is the same as without the file: 42 in
    // Kazakhstan, 15 in Kyrgyzstan, 57 in all (tests/render.rs).
    let t = view.magnitude.avr.expect("AVR table");
    let row = |code: &str| t.rows.iter().find(|r| r.code == code).unwrap().clone();
    assert_eq!(row("KAZ").cells, ["20", "6", "10", "6"]);
    assert_eq!(row("KAZ").total, "42");
    assert_eq!(row("KGZ").total, "15");
    assert_eq!(t.total, "57");
}
