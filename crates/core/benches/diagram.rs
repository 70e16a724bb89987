//! Diagram layout and SVG rendering speed: the reference design, a 60-subnet design
//! and a 1,000-subnet design, bare and with 200 network ACLs of 20 entries per
//! direction and 300 workloads (the layout must stay well under one 16 ms frame).

#[path = "../tests/common/dressed.rs"]
mod dressed;

use criterion::{criterion_group, criterion_main, Criterion};
use netwright_core::diagram::{layout, svg};
use netwright_core::templates;

fn bench(c: &mut Criterion) {
    let designs = [
        ("smartinvoice", templates::smartinvoice()),
        ("synthetic-60", templates::synthetic(60, 6, 40, 120)),
        ("synthetic-1000", templates::synthetic(1000, 6, 100, 1000)),
        (
            "synthetic-1000-acls-workloads",
            dressed::dressed(templates::synthetic(1000, 6, 100, 1000), 200, 20, 300),
        ),
    ];
    for (name, t) in &designs {
        let diags = netwright_core::validate(t);
        c.bench_function(&format!("layout/{name}"), |b| {
            b.iter(|| layout(std::hint::black_box(t), &diags))
        });
        let d = layout(t, &diags);
        c.bench_function(&format!("svg/{name}"), |b| {
            b.iter(|| svg::render(std::hint::black_box(&d)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
