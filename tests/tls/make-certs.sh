#!/usr/bin/env bash
# make-certs.sh OUTDIR - the certificates test_tls_verify checks against.
#
# Everything is made with the openssl command (already on Debian 12 with
# ca-certificates), offline, with P-256 keys so the whole set takes well
# under a second. Our own openssl config file is used throughout so the
# system's /etc/ssl/openssl.cnf cannot change what the tests see.
#
#   ca.pem, ca-key.pem                test root CA
#   server.pem, server-key.pem        CA-signed, SAN IP:127.0.0.1 DNS:localhost
#   untrusted.pem, untrusted-key.pem  self-signed, same names
#   wrongname.pem, wrongname-key.pem  CA-signed, SAN DNS:mail.example.jp only
#   expired.pem, expired-key.pem      CA-signed, same names, valid in 2020 only
#   inter.pem, inter-key.pem          intermediate CA signed by ca.pem
#   leaf-inter.pem, leaf-inter-key.pem  signed by inter.pem, same names as server
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
out=$1
mkdir -p "$out"
cd "$out"
# "openssl ca" keeps state in its database: start from an empty one.
rm -rf ca-db
mkdir ca-db
: >ca-db/index.txt
echo 1000 >ca-db/serial

cat >openssl.cnf <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused

[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[v3_wrongname]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:mail.example.jp
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

# "openssl x509 -days" cannot date a certificate in the past; "openssl ca"
# takes explicit start and end dates, which is all it is used for.
[ca]
default_ca = test_ca
[test_ca]
dir = ca-db
database = ca-db/index.txt
new_certs_dir = ca-db
serial = ca-db/serial
certificate = ca.pem
private_key = ca-key.pem
default_md = sha256
policy = policy_any
unique_subject = no
[policy_any]
commonName = supplied
EOF
export OPENSSL_CONF=$PWD/openssl.cnf

# openssl chats on stderr even when all is well: keep it for failures only.
quiet() {
	if ! "$@" 2>openssl.log; then
		cat openssl.log >&2
		exit 1
	fi
}

key() {
	quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
}

# signed NAME ISSUER EXTENSIONS CN: NAME.pem and NAME-key.pem, issued by
# ISSUER.pem/ISSUER-key.pem.
signed() {
	key "$1-key.pem"
	openssl req -new -key "$1-key.pem" -subj "/CN=$4" -out "$1.csr"
	quiet openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -set_serial "0x$(
		openssl rand -hex 8)" -days 3650 -sha256 -extfile openssl.cnf -extensions "$3" \
		-out "$1.pem"
	rm -f "$1.csr"
}

key ca-key.pem
openssl req -x509 -new -key ca-key.pem -subj "/CN=madoguchi test CA" -days 3650 -sha256 \
	-extensions v3_ca -out ca.pem

signed server ca v3_server localhost
signed wrongname ca v3_wrongname mail.example.jp
signed inter ca v3_ca "madoguchi test intermediate CA"
signed leaf-inter inter v3_server localhost

key untrusted-key.pem
openssl req -x509 -new -key untrusted-key.pem -subj "/CN=localhost" -days 3650 -sha256 \
	-extensions v3_server -out untrusted.pem

key expired-key.pem
openssl req -new -key expired-key.pem -subj "/CN=localhost" -out expired.csr
quiet openssl ca -batch -notext -config openssl.cnf -extensions v3_server -in expired.csr \
	-startdate 200101000000Z -enddate 200201000000Z -out expired.pem
rm -f expired.csr openssl.log
