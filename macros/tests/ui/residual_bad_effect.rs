struct Ctx;

#[metatrace::residual(sometimes)]
extern "C" fn helper(_ctx: *mut Ctx, x: i64) -> i64 {
    x
}

fn main() {}
