# Conveniences only: every recipe is a plain cargo command (see README.md).

# Check the shipped indicator files.
check:
    cargo run --release -- check

# Run every test.
test:
    cargo test --workspace

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Benchmarks (figures are recorded in BENCHMARKS.md).
bench:
    cargo bench --workspace
    cargo build --release
    rm -rf target/synth && ./target/release/corridor synth --out target/synth
    /usr/bin/time -v ./target/release/corridor check target/synth

# Render the reports of the shipped indicators into reports/.
report:
    cargo run --release -- report
