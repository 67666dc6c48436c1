//! Opens the reader on the built-in interview, as `hiwar` with no argument does on a
//! terminal: `cargo run --example reader`.

use hiwar::document::Interview;
use hiwar::layout::LayoutOptions;

fn builtin() -> Interview {
    Interview::builtin()
}

fn main() {
    if let Err(e) = hiwar::app::run_reader(builtin(), LayoutOptions::default()) {
        eprintln!("hiwar: {e}");
        std::process::exit(e.exit_code());
    }
}
