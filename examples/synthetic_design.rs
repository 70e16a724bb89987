//! Prints a generated design (the core's `templates::synthetic`) as saved JSON, for
//! the browser benchmark: `cargo run --example synthetic_design -- 1000 3 50 400`
//! (subnets, AZs, security groups, rules).

use netwright_core::{format, templates};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let arg = |i: usize, default: usize| args.get(i).copied().unwrap_or(default);
    let azs = u8::try_from(arg(1, 3)).unwrap_or(6);
    let t = templates::synthetic(arg(0, 1000), azs, arg(2, 50), arg(3, 400));
    print!("{}", format::save(&t));
}
