//! Benchmarks of the reachability engine on the reference design and on the
//! 1,000-subnet design (6 AZs, 300 security groups, 5,000 rules, 200 network ACLs of 20
//! entries per direction, 300 workloads): one question (target: under 1 ms) and the
//! whole matrix (target: under 100 ms). Run with
//! `cargo bench -p netwright-core --bench reach`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use netwright_core::reach::{matrix, reach, Endpoint, Traffic};
use netwright_core::templates::{smartinvoice, synthetic, with_acls_and_workloads};

fn reference(c: &mut Criterion) {
    let t = smartinvoice();
    let alb = Endpoint::resolve(&t, "smartinvoice-alb").unwrap();
    let rds = Endpoint::resolve(&t, "smartinvoice-rds").unwrap();
    c.bench_function("reach/smartinvoice/query", |b| {
        b.iter(|| reach(black_box(&t), alb, rds, Traffic::Tcp, Some(5432)))
    });
    c.bench_function("reach/smartinvoice/matrix", |b| {
        b.iter(|| matrix(black_box(&t)))
    });
}

fn large(c: &mut Criterion) {
    let t = with_acls_and_workloads(synthetic(1_000, 6, 300, 5_000), 200, 20, 300);
    let mut group = c.benchmark_group("reach/1000subnets-300groups-5000rules-200acls-300workloads");
    // The internet to a load balancer, and one workload to another across subnets.
    let lb = Endpoint::Workload(0);
    let other = Endpoint::Workload(t.workloads.len() / 2);
    group.bench_function("query-internet-to-workload", |b| {
        b.iter(|| {
            reach(
                black_box(&t),
                Endpoint::Internet,
                lb,
                Traffic::Tcp,
                Some(443),
            )
        })
    });
    group.bench_function("query-workload-to-workload", |b| {
        b.iter(|| reach(black_box(&t), lb, other, Traffic::Tcp, Some(443)))
    });
    group.sample_size(10);
    group.bench_function("matrix", |b| b.iter(|| matrix(black_box(&t))));
    group.finish();
}

criterion_group!(benches, reference, large);
criterion_main!(benches);
