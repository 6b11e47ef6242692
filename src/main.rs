use std::process::ExitCode;

fn main() -> ExitCode {
    let code = planc::cli::run(std::env::args_os());
    ExitCode::from(code.clamp(0, 255) as u8)
}
