//! The Netwright browser app's entry point (built by Trunk).

fn main() {
    netwright::start();
}
