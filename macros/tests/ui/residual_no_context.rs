#[metatrace::residual]
extern "C" fn helper(x: i64) -> i64 {
    x
}

fn main() {}
