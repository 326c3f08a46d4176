#!/usr/bin/env bash
# The example deploy of one target: what a real deploy command would do with the TRAIN_* variables
# (helm upgrade, kubectl apply, an API call...). It must be idempotent: a target found "deploying"
# after a crash is deployed again with TRAIN_ATTEMPT+1.
set -euo pipefail
echo "deploying ${TRAIN_SERVICE} ${TRAIN_VERSION} to ${TRAIN_ENVIRONMENT}/${TRAIN_ZONE} (${TRAIN_PROVIDER} ${TRAIN_REGION}, ${TRAIN_TIER}, attempt ${TRAIN_ATTEMPT})"
