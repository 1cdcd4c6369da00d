//! The `icpc` command (the CLI lands with the front-end work).
fn main() {}
