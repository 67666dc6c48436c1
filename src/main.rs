use clap::Parser;

fn main() {
    let cli = hiwar::cli::Cli::parse();
    if let Err(e) = hiwar::cli::run(cli) {
        if !e.is_broken_pipe() {
            eprintln!("hiwar: {e}");
        }
        std::process::exit(e.exit_code());
    }
}
