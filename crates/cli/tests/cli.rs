//! CLI tests as data: every `tests/cmd/*.toml` case runs the real binary
//! and compares its output and exit code (trycmd).

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
