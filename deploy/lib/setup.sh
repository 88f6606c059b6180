# Shared setup for deploy/start.sh and deploy/test.sh: installs what is missing
# from Debian's archive (unattended, as root or through sudo), idempotently.
# Sourced, not executed.

# Debian packages the build, the server and the tests need.
CONCORDIA_PACKAGES=(
  bazel-bootstrap bazel-platforms bazel-rules-java
  g++ protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev
  librocksdb-dev libabsl-dev libssl-dev libgoogle-perftools-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-grpcio python3-protobuf tzdata ca-certificates openssl
)

concordia_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

concordia_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: need root (or sudo) to install: $*" >&2
    return 1
  fi
}

# Installs every package of CONCORDIA_PACKAGES (plus "$@") that is missing.
concordia_install_packages() {
  local wanted=("${CONCORDIA_PACKAGES[@]}" "$@") missing=() p
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
  if [ "${#missing[@]}" -eq 0 ]; then
    concordia_log "all required Debian packages are installed"
    return 0
  fi
  concordia_log "installing: ${missing[*]}"
  concordia_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  concordia_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
}

# Installs buf (the protobuf linter) from the npm registry into .cache/buf.
concordia_install_buf() {
  local root="$1" version="1.75.0"
  local bin="$root/.cache/buf/node_modules/@bufbuild/buf/bin/buf"
  if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "$version" ]; then
    echo "$bin"
    return 0
  fi
  concordia_log "installing buf $version from the npm registry"
  mkdir -p "$root/.cache/buf"
  (cd "$root/.cache/buf" && npm install --no-audit --no-fund --silent \
      "@bufbuild/buf@$version" >&2)
  echo "$bin"
}
