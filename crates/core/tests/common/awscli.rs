//! Support for the AWS CLI exporter tests: the tools (bash, shellcheck, the AWS CLI,
//! moto) found relative to the workspace, the designs under test, a moto server per
//! test, and scripts run against it with fake credentials and a PATH shim that
//! counts AWS CLI calls.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use netwright_core::model::{
    Id, NatConnectivity, NatGateway, Peer, Protocol, Route, RouteTarget, Rule, Subnet, Tags,
    Topology,
};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use netwright_core::{export, format};
use serde_json::Value;

/// The workspace root (two levels above the core crate).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A tool from the workspace's Python venv; fails the test when it is missing.
pub fn venv_tool(name: &str) -> PathBuf {
    let path = workspace().join(".venv/bin").join(name);
    assert!(
        path.is_file(),
        "{name} is missing ({}): run scripts/setup.sh",
        path.display()
    );
    path
}

/// The program `name` on PATH (or in /usr/bin); fails the test when it is missing.
pub fn system_tool(name: &str) -> PathBuf {
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_var)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/bin")])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is not installed: run scripts/setup.sh"))
}

/// A fixture design from tests/fixtures.
pub fn fixture(name: &str) -> Topology {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    format::load(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The console-style design with 3 AZs and one NAT gateway per AZ.
pub fn wizard_3az() -> Topology {
    templates::wizard(&WizardOptions {
        az_count: 3,
        nat: NatStrategy::PerAz,
        ..Default::default()
    })
    .expect("the 3-AZ wizard design builds")
}

/// The reference design with what it lacks: a secondary block with a subnet in it,
/// the main route table, a group with no egress at all, one whose only egress names
/// a group, IPv6 and ICMP rules, a private NAT gateway, a second route, extra tags,
/// DNS hostnames off, names starting with a dash and a second instance profile.
pub fn extended() -> Topology {
    let mut t = templates::smartinvoice();
    t.name = "smartinvoice-extended".into();
    let vpc = &mut t.vpcs[0];
    vpc.secondary_cidrs.push("10.1.0.0/16".into());
    vpc.enable_dns_hostnames = false;
    vpc.tags.insert("cost-centre".into(), "network".into());
    let mut data = Subnet::new(
        "subnet-data-1a",
        "smartinvoice-data-1a",
        "vpc",
        "ap-southeast-1a",
        "10.1.0.0/24",
    );
    data.tags.insert("tier".into(), "data".into());
    t.subnets.push(data);
    t.route_tables[1].main = true;
    t.route_tables[1].subnets.push(Id::new("subnet-data-1a"));
    t.route_tables[0].routes.push(Route {
        destination: "10.2.0.0/16".into(),
        target: RouteTarget::NatGateway(Id::new("nat-private")),
    });
    t.nat_gateways.push(NatGateway {
        id: Id::new("nat-private"),
        name: "smartinvoice-nat-private".into(),
        subnet: Id::new("subnet-private-1b"),
        connectivity: NatConnectivity::Private,
        elastic_ip: None,
        tags: Tags::new(),
    });
    t.security_groups[0]
        .ingress
        .push(Rule::tcp(443, Peer::Cidr("::/0".into()), "HTTPS over IPv6"));
    t.security_groups[1].ingress.push(Rule {
        protocol: Protocol::Icmp,
        from_port: 8,
        to_port: -1,
        peer: Peer::Cidr("10.0.0.0/16".into()),
        description: "ping from the VPC".into(),
    });
    t.security_groups[2].egress.clear();
    t.security_groups[3].egress = vec![Rule::tcp(
        5432,
        Peer::SecurityGroup(Id::new("sg-rds")),
        "to the database",
    )];
    // Leading dashes must not be taken for options.
    t.security_groups[3].name = "-smartinvoice-ocr-sg".into();
    t.iam_roles[1].name = "-smartinvoice-eb-service".into();
    t.iam_roles[1].instance_profile = true;
    t
}

/// Small designs that leave parts of the scripts out: a lone VPC, and a detached
/// internet gateway with a route table serving no subnet.
pub fn fragments() -> Vec<(&'static str, Topology)> {
    let full = templates::smartinvoice();
    let mut lone = Topology::new("lone-vpc", "eu-west-1");
    lone.vpcs.push(full.vpcs[0].clone());
    let mut detached = lone.clone();
    detached.name = "detached".into();
    let mut igw = full.internet_gateways[0].clone();
    igw.vpc = None;
    detached.internet_gateways.push(igw);
    let mut rt = full.route_tables[0].clone();
    rt.routes.clear();
    rt.subnets.clear();
    detached.route_tables.push(rt);
    vec![("lone-vpc", lone), ("detached", detached)]
}

/// The exported script of `format` (`aws-cli` or `aws-cli-teardown`).
pub fn script(t: &Topology, format: &str) -> String {
    export::export(t, format).unwrap_or_else(|e| panic!("export {format}: {e}"))
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "netwright-awscli-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `bash -n` and shellcheck on a script; panics with their findings.
pub fn lint(name: &str, text: &str) {
    let dir = TempDir::new("lint");
    let path = dir.0.join(format!("{name}.sh"));
    std::fs::write(&path, text).expect("write script");
    let out = Command::new(system_tool("bash"))
        .arg("-n")
        .arg(&path)
        .output()
        .expect("run bash -n");
    assert!(
        out.status.success(),
        "bash -n {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(system_tool("shellcheck"))
        .args(["--shell=bash", "--severity=style", "--external-sources"])
        .arg(&path)
        .output()
        .expect("run shellcheck");
    assert!(
        out.status.success(),
        "shellcheck {name}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What running a script did.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    /// The AWS CLI calls it made, as "service operation".
    pub calls: Vec<String>,
    pub elapsed: Duration,
}

/// A moto server on a free loopback port, with a scratch directory; the server is
/// stopped by its PID when this is dropped (also on panic), and when the test
/// process dies (its watchdog reads our end of a pipe).
pub struct Moto {
    watchdog: Child,
    stdin: Option<ChildStdin>,
    pub endpoint: String,
    pub region: String,
    pub dir: TempDir,
    calls_seen: usize,
}

impl Moto {
    /// Starts moto and waits until it accepts connections.
    pub fn start(label: &str, region: &str) -> Self {
        let server = venv_tool("moto_server");
        venv_tool("aws");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = TempDir::new(label);
        let log = std::fs::File::create(dir.0.join("moto.log")).expect("moto log");
        let mut watchdog = Command::new(system_tool("bash"))
            .arg("-c")
            .arg(
                r#"MOTO_IAM_LOAD_MANAGED_POLICIES=true "$0" -H 127.0.0.1 -p "$1" & pid=$!
                    trap 'kill "$pid" 2>/dev/null; wait "$pid"' EXIT
                    read -r _ || true"#,
            )
            .arg(&server)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start moto_server");
        let stdin = watchdog.stdin.take();
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = watchdog.try_wait() {
                let log = std::fs::read_to_string(dir.0.join("moto.log")).unwrap_or_default();
                panic!("moto_server exited ({status}):\n{log}");
            }
            assert!(
                Instant::now() < deadline,
                "moto_server did not start in 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        for sub in ["bin", "work", "home"] {
            std::fs::create_dir_all(dir.0.join(sub)).expect("scratch dirs");
        }
        let shim = dir.0.join("bin/aws");
        std::fs::write(
            &shim,
            "#!/usr/bin/env bash\n\
             printf '%s %s\\n' \"$1\" \"$2\" >>\"$NETWRIGHT_AWS_CALLS\"\n\
             exec \"$NETWRIGHT_REAL_AWS\" \"$@\"\n",
        )
        .expect("aws shim");
        make_executable(&shim);
        Moto {
            watchdog,
            stdin,
            endpoint: format!("http://127.0.0.1:{port}"),
            region: region.into(),
            dir,
            calls_seen: 0,
        }
    }

    /// A command with the test environment: only what the AWS CLI needs, pointed at
    /// moto with fake credentials, the counting shim first on PATH.
    fn command(&self, program: &Path) -> Command {
        let venv_bin = workspace().join(".venv/bin");
        let path = format!(
            "{}:{}:/usr/local/bin:/usr/bin:/bin",
            self.dir.0.join("bin").display(),
            venv_bin.display()
        );
        let mut c = Command::new(program);
        c.env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.0.join("home"))
            .env("LANG", "C.UTF-8")
            .env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("AWS_DEFAULT_REGION", &self.region)
            .env("NETWRIGHT_AWS_CALLS", self.dir.0.join("calls.log"))
            .env("NETWRIGHT_REAL_AWS", venv_bin.join("aws"));
        c
    }

    /// Runs `aws ARGS --output json` against moto and parses the result.
    pub fn aws(&self, args: &[&str]) -> Value {
        let out = self
            .command(&venv_tool("aws"))
            .args(args)
            .args(["--output", "json"])
            .output()
            .expect("run aws");
        assert!(
            out.status.success(),
            "aws {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("aws {args:?}: {e}: {text}"))
        }
    }

    /// Runs a script with bash in the empty work directory; panics when it fails.
    pub fn run(&mut self, name: &str, text: &str) -> Run {
        let path = self.dir.0.join(name);
        std::fs::write(&path, text).expect("write script");
        let start = Instant::now();
        let out = self
            .command(&system_tool("bash"))
            .arg(&path)
            .current_dir(self.dir.0.join("work"))
            .output()
            .expect("run bash");
        let elapsed = start.elapsed();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "{name} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status
        );
        let log = std::fs::File::open(self.dir.0.join("calls.log"))
            .map(|f| {
                BufReader::new(f)
                    .lines()
                    .map_while(Result::ok)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let calls = log[self.calls_seen.min(log.len())..].to_vec();
        self.calls_seen = log.len();
        Run {
            stdout,
            stderr,
            calls,
            elapsed,
        }
    }

    /// The scratch work directory scripts run in.
    pub fn work(&self) -> PathBuf {
        self.dir.0.join("work")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // Closing the pipe makes the watchdog stop the server by its PID.
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.write_all(b"\n");
        }
        let _ = self.watchdog.wait();
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path).expect("shim").permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(path, perms).expect("chmod shim");
}
