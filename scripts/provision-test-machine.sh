#!/usr/bin/env bash
# Runs before the tests (`npm test`'s pretest): checks that this machine has what the tests run
# for real, and installs Debian's packages for whatever is missing when it runs as root. Each
# check looks at what a package provides, not at dpkg's records. Quiet and fast when all is there.
set -euo pipefail

LUA_DIR=/usr/share/lua/5.1
NGINX_MODULES=/usr/share/nginx/modules

missing=()
need() { missing+=("$@"); }

# The Lua validators run in OpenResty's LuaJIT with lua-cjson, as in Kong.
if ! command -v luajit >/dev/null 2>&1; then
  need luajit2 lua-cjson
elif ! luajit -e 'require("cjson")' >/dev/null 2>&1; then
  need lua-cjson
fi
# The chunks' test bed: nginx with lua-nginx-module (and its NDK) and lua-resty-core.
[ -x /usr/sbin/nginx ] || need nginx-light
[ -f "$NGINX_MODULES/ngx_http_lua_module.so" ] && [ -f "$NGINX_MODULES/ndk_http_module.so" ] ||
  need libnginx-mod-http-lua
[ -f "$LUA_DIR/resty/core.lua" ] || need lua-resty-core
# The benchmark's load generator.
command -v wrk >/dev/null 2>&1 || need wrk
# The gateway bench counted in instructions (callgrind, callgrind_control).
{ command -v valgrind >/dev/null 2>&1 && command -v callgrind_control >/dev/null 2>&1; } || need valgrind
# Git: `avro-kong review` compares revisions through real worktrees (a container may have none).
command -v git >/dev/null 2>&1 || need git
# Headless Chromium: the review comment is rendered as GitHub would and its DOM read there.
command -v chromium >/dev/null 2>&1 || need chromium

# Terraform reads back what the constructs write (the tests of literal strings). Debian does not
# package it, so this script can only name it; it is checked once Debian's packages are in place.
require_terraform() {
  command -v terraform >/dev/null 2>&1 && return 0
  echo "The tests need the terraform command (1.5 or later) on PATH, which Debian does not package: install HashiCorp's build, then run the tests again." >&2
  exit 1
}

if [ "${#missing[@]}" -eq 0 ]; then
  require_terraform
  exit 0
fi

# OpenResty's LuaJIT is luajit2 in Debian 12 (whose luajit is upstream's) and luajit in Debian 13,
# which has no luajit2: the name is the one the machine's archive knows or, with no package lists
# yet (a new image), the one its release has.
luajit_package() {
  if in_archive luajit2; then
    echo luajit2
  elif in_archive luajit || [ "$(debian_release)" -ge 13 ]; then
    echo luajit
  else
    echo luajit2
  fi
}
# Whether apt's lists hold the package (`apt-cache show` exits 0, printing nothing, for a name that
# another package only mentions: Debian 13's luajit2).
in_archive() {
  [[ $(apt-cache show --no-all-versions "$1" 2>/dev/null) == *"Package: $1"* ]]
}
# Debian's major version from /etc/os-release; 0 on another system or when it does not say.
debian_release() {
  local key value id="" version=0
  [ -r /etc/os-release ] || { echo 0; return; }
  while IFS='=' read -r key value; do
    value=${value//\"/}
    case $key in
      ID) id=$value ;;
      VERSION_ID) version=${value%%.*} ;;
    esac
  done </etc/os-release
  [ "$id" = debian ] && echo "${version:-0}" || echo 0
}
resolve_names() {
  packages=""
  local package
  for package in "${missing[@]}"; do
    [ "$package" != luajit2 ] || package=$(luajit_package)
    packages+="${packages:+ }$package"
  done
}
resolve_names

refuse() {
  echo "The tests need Debian's packages $packages, which are missing$1: install them with \`apt-get install $packages\` as root, then run the tests again." >&2
  exit 1
}
[ "${1:-}" != --after-install ] || refuse " even after installing them"
[ "$EUID" -eq 0 ] || refuse ""
command -v apt-get >/dev/null 2>&1 || refuse " and this machine has no apt-get"

echo "Installing Debian's packages for the tests: $packages"
log=$(mktemp)
# Installing nginx must not start its service (port 80, a daemon left running): while no
# policy says otherwise, invoke-rc.d is told that no service may start.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=true
fi
cleanup() {
  if $own_policy; then rm -f "$policy"; fi
  rm -f "$log"
}
trap cleanup EXIT

nginx_was_running=false
if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then nginx_was_running=true; fi

install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages >>"$log" 2>&1
}
# A fresh image has no package lists; stale ones fail with 404s: update once, then retry (with
# the names the updated lists know).
if ! install; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 && resolve_names && install || {
    tail -n 20 "$log" >&2
    refuse " and apt-get could not install them (its last lines are above)"
  }
fi

# A service that started despite the policy (a policy of the machine's own) is stopped again.
if ! $nginx_was_running && [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
  /usr/sbin/nginx -s quit >/dev/null 2>&1 || kill "$(cat /run/nginx.pid)" 2>/dev/null || true
fi

# What was installed must now pass the same checks.
"$0" --after-install
