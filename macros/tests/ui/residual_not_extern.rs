struct Ctx;

#[metatrace::residual]
fn helper(_ctx: *mut Ctx, x: i64) -> i64 {
    x
}

fn main() {}
