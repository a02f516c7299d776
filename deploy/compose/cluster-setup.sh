#!/bin/bash
# One-shot join of the three CouchDB nodes into a cluster, with CouchDB 3's documented
# /_cluster_setup API (docs: "Setup > Cluster Set Up > The Cluster Setup API"), run against the
# coordinator. Safe to run again: a finished cluster is left as it is.
set -euo pipefail
: "${COUCHDB_USER:?}" "${COUCHDB_PASSWORD:?}" "${COORDINATOR:?}" "${MEMBERS:?}"
auth="${COUCHDB_USER}:${COUCHDB_PASSWORD}"
base="http://${COORDINATOR}:5984"
count=$(( $(wc -w <<<"${MEMBERS}") + 1 ))

setup() { curl -fsS -u "${auth}" -H 'content-type: application/json' -X POST "${base}/_cluster_setup" -d "$1"; echo; }

state=$(curl -fsS -u "${auth}" "${base}/_cluster_setup")
if grep -q '"cluster_finished"' <<<"${state}"; then
  echo "cluster already set up: ${state}"
  exit 0
fi

setup "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"${COUCHDB_USER}\",\"password\":\"${COUCHDB_PASSWORD}\",\"node_count\":\"${count}\"}"
for member in ${MEMBERS}; do
  setup "{\"action\":\"enable_cluster\",\"bind_address\":\"0.0.0.0\",\"username\":\"${COUCHDB_USER}\",\"password\":\"${COUCHDB_PASSWORD}\",\"port\":5984,\"node_count\":\"${count}\",\"remote_node\":\"${member}\",\"remote_current_user\":\"${COUCHDB_USER}\",\"remote_current_password\":\"${COUCHDB_PASSWORD}\"}"
  setup "{\"action\":\"add_node\",\"host\":\"${member}\",\"port\":5984,\"username\":\"${COUCHDB_USER}\",\"password\":\"${COUCHDB_PASSWORD}\"}"
done
setup '{"action":"finish_cluster"}'

curl -fsS -u "${auth}" "${base}/_cluster_setup"; echo
members=$(curl -fsS -u "${auth}" "${base}/_membership")
echo "membership: ${members}"
# Every node must be in the cluster: couchdb@<name> for the coordinator and each member.
for node in "${COORDINATOR}" ${MEMBERS}; do
  grep -q "couchdb@${node}" <<<"${members}" || { echo "couchdb@${node} did not join" >&2; exit 1; }
done
