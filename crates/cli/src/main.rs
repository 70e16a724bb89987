//! The `netwright` command.
fn main() {}
