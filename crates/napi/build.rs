// napi-build's setup makes Cargo rebuild this crate when the napi CLI asks for it
// (NAPI_FORCE_BUILD_OXIDIZE_NAPI): each pair's `napi build` collects the TypeScript types of every
// #[napi] item it links, this crate's `AbortFlag` included, from the crates compiled during that
// build. Without it, a pair built after another reused this crate compiled for the first, and its
// generated binding/index.d.cts lacked AbortFlag.
fn main() {
    napi_build::setup();
}
