//! The Netwright browser app.
fn main() {}
