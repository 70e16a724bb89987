//! Benchmarks of `validate` on the reference design and on synthetic designs of 100,
//! 1,000 and 5,000 subnets, including the target cases (1,000 subnets over 6 AZs, 300
//! security groups, 5,000 rules: under 2 ms; the same with 200 network ACLs of 20
//! entries per direction and 300 workloads: still under 2 ms). Run with
//! `cargo bench -p netwright-core --bench validate`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use netwright_core::templates::{smartinvoice, synthetic, with_acls_and_workloads};
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
    // (acls, entries per direction, workloads) on the 1,000-subnet design.
    let (acls, entries, workloads) = (200, 20, 300);
    let t = with_acls_and_workloads(synthetic(1_000, 6, 300, 5_000), acls, entries, workloads);
    group.throughput(Throughput::Elements(1_000));
    let id = format!(
        "1000subnets-6azs-300groups-5000rules-{acls}acls-{entries}entries-{workloads}workloads"
    );
    group.bench_with_input(BenchmarkId::from_parameter(id), &t, |b, t| {
        b.iter(|| validate(black_box(t)))
    });
    group.finish();
}

criterion_group!(benches, reference, synthetic_designs);
criterion_main!(benches);
