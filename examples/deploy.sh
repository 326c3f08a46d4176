#!/bin/sh
# The example deploy of one target for `deploy-train run`: prints what it would deploy where.
# A real one calls your deploy tooling with these variables; it must be idempotent (a deploy whose
# runner died is run again with the next TRAIN_ATTEMPT).
echo "deploying $TRAIN_SERVICE $TRAIN_VERSION to $TRAIN_ENVIRONMENT ($TRAIN_PROVIDER $TRAIN_REGION) zone $TRAIN_ZONE, tier $TRAIN_TIER, attempt $TRAIN_ATTEMPT"
