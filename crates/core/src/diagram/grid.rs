//! The network part's grid: the fixed measures of zone columns, tier rows, gateways and
//! the Internet node, a placed subnet's cell, and a VPC's column and row positions, shared
//! by the placement (`network.rs`) and the route lines (`routes.rs`).

/// Padding inside the Region and VPC containers, left and right.
pub(super) const PAD_X: f64 = 40.0;
pub(super) const SUBNET_W: f64 = 260.0;
pub(super) const COL_PAD: f64 = 12.0;
pub(super) const COL_W: f64 = SUBNET_W + 2.0 * COL_PAD;
pub(super) const COL_GAP: f64 = 40.0;
pub(super) const HEADER_H: f64 = 30.0;
pub(super) const ROW_GAP: f64 = 32.0;
pub(super) const SUBNET_H: f64 = 64.0;
pub(super) const NAT_H: f64 = 28.0;
pub(super) const NAT_STEP: f64 = 36.0;
pub(super) const IGW_W: f64 = 200.0;
pub(super) const IGW_H: f64 = 44.0;
pub(super) const INET_W: f64 = 160.0;
pub(super) const INET_H: f64 = 44.0;
/// Where the Region starts below the Internet node.
pub(super) const REGION_TOP: f64 = INET_H + 56.0;
/// Where the first VPC starts inside the Region.
pub(super) const VPC_TOP: f64 = 56.0;
pub(super) const VPC_GAP: f64 = 64.0;
pub(super) const VPC_MIN_W: f64 = 520.0;
/// Where the zone columns start inside a VPC (below its caption and the route channel).
pub(super) const COLS_TOP: f64 = 46.0;

/// A placed subnet: its shape, zone column and row.
#[derive(Clone, Copy)]
pub(super) struct Cell {
    pub(super) shape: usize,
    pub(super) col: usize,
    pub(super) row: usize,
}

/// Row geometry of one VPC, for routing.
pub(super) struct Grid {
    pub(super) col_x: Vec<f64>,
    pub(super) row_y: Vec<f64>,
    pub(super) row_bottom: Vec<f64>,
    pub(super) channel_y: f64,
}
