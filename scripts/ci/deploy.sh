#!/usr/bin/env bash
# Deploys one environment: synthesizes, then `terraform apply` on each of its stacks with the
# variables of $KONG_TFVARS (a tfvars file's text, from the GitHub environment's secret).
set -euo pipefail
environment="$1"
export CHECKPOINT_DISABLE=1
: "${KONG_TFVARS:?the environment's KONG_TFVARS secret is not set}"
npx cdktf synth
vars="$(mktemp)"
trap 'rm -f "$vars"' EXIT
printf '%s\n' "$KONG_TFVARS" > "$vars"
for stack in $(node scripts/ci/stacks-of-environment.js "$environment"); do
  terraform -chdir="$stack" init -input=false -no-color
  terraform -chdir="$stack" apply -input=false -no-color -auto-approve -var-file="$vars"
done
