struct Ctx;

#[metatrace::elidable]
extern "C" fn helper<T>(_ctx: *mut Ctx, x: i64) -> i64 {
    x
}

fn main() {}
