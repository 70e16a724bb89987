//! The one shell line that captures a Region for [`super::aws`]: read-only AWS CLI
//! describe calls merged into one JSON object, needing only the AWS CLI and a POSIX
//! shell. The app shows it to copy; docs/import.md explains it and the README shows it
//! (a test keeps the three the same).

use crate::export::shell::quote;

/// What the capture runs, in order (`service:command [arguments]`).
const CALLS: &str = "ec2:describe-vpcs ec2:describe-dhcp-options ec2:describe-subnets ec2:describe-internet-gateways \
ec2:describe-nat-gateways ec2:describe-addresses ec2:describe-route-tables \
ec2:describe-security-groups ec2:describe-network-acls ec2:describe-vpc-endpoints \
ec2:describe-flow-logs ec2:describe-vpc-peering-connections \
ec2:describe-egress-only-internet-gateways ec2:describe-vpn-gateways \
ec2:describe-transit-gateway-vpc-attachments iam:list-roles \
'iam:get-account-authorization-details --filter Role'";

/// The capture line for `region`, writing `capture.json`. The Region is quoted for the
/// shell, so no text can run as a command.
///
/// ```
/// let line = netwright_core::import::command::capture_command("eu-west-1");
/// assert!(line.starts_with("R=eu-west-1; { echo '{';"));
/// assert!(line.ends_with("> capture.json"));
/// let odd = netwright_core::import::command::capture_command("x; rm -rf ~");
/// assert!(odd.starts_with("R='x; rm -rf ~';"));
/// ```
pub fn capture_command(region: &str) -> String {
    format!(
        "R={}; {{ echo '{{'; s=''; for c in {CALLS}; do printf '%s' \"$s\"; aws ${{c%%:*}} ${{c#*:}} --region \"$R\" --output json | sed '1d;$d'; s=','; done; echo '}}'; }} > capture.json",
        quote(region)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_docs_show_the_same_line() {
        let line = super::capture_command("eu-west-1");
        for (name, text) in [
            ("docs/import.md", include_str!("../../../../docs/import.md")),
            ("README.md", include_str!("../../../../README.md")),
        ] {
            assert!(text.contains(&line), "{name} must show:\n{line}");
        }
    }
}
