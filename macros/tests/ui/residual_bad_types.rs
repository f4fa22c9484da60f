struct Ctx;

#[metatrace::residual]
extern "C" fn helper(_ctx: *mut Ctx, name: String, ok: i64) -> Vec<u8> {
    let _ = (name, ok);
    Vec::new()
}

fn main() {}
