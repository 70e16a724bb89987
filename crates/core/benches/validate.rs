//! Benchmarks of `validate` on the reference design and on synthetic designs of 100,
//! 1,000 and 5,000 subnets, including the target case (1,000 subnets over 6
//! AZs, 300 security groups, 5,000 rules: under 2 ms). Run with
//! `cargo bench -p netwright-core --bench validate`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use netwright_core::templates::{smartinvoice, synthetic};
use netwright_core::validate;

fn reference(c: &mut Criterion) {
    let t = smartinvoice();
    c.bench_function("validate/smartinvoice", |b| {
        b.iter(|| validate(black_box(&t)))
    });
}

fn synthetic_designs(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate/synthetic");
    // (subnets, AZs, groups, rules): the target case is the 1,000-subnet one.
    for (subnets, azs, groups, rules) in [
        (100, 3, 30, 500),
        (1_000, 6, 300, 5_000),
        (5_000, 6, 1_000, 20_000),
    ] {
        let t = synthetic(subnets, azs, groups, rules);
        group.throughput(Throughput::Elements(subnets as u64));
        let id = format!("{subnets}subnets-{azs}azs-{groups}groups-{rules}rules");
        group.bench_with_input(BenchmarkId::from_parameter(id), &t, |b, t| {
            b.iter(|| validate(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, reference, synthetic_designs);
criterion_main!(benches);
