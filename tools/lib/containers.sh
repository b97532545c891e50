# tools/lib/containers.sh - containers for the compose stack on a machine
# with Docker or, failing that, with Debian's podman (sourced by
# tools/compose-test).
#
# Where no registry is reachable, podman runs what docker-compose.yml
# describes, driven by Debian's docker-compose through podman's Docker API
# (podman system service), once these are in place:
#   - a containers.conf (CONTAINERS_CONF) with the file and process limits
#     this machine allows and runc as the runtime (crun cannot set them
#     here, nor run on its cgroups);
#   - debian:12, which every image is built FROM, made locally with
#     debootstrap from the apt mirror the machine uses and kept in podman's
#     storage, so a second run on one machine finds it;
#   - the dnsname plugin, by which containers find each other by service
#     name on podman's CNI networks.
# Podman runs health checks from systemd timers; where there is no systemd,
# containers_health_pump runs them, or no service waiting for a healthy one
# would ever start.

CONTAINER_PACKAGES=(podman golang-github-containernetworking-plugin-dnsname debootstrap
	runc docker-compose curl poppler-utils)
CONTAINERS_DIR=${CONTAINERS_DIR:-/var/tmp/madoguchi-containers}

containers_log() { printf '[containers] %s\n' "$*" >&2; }

containers_deps() {
	local p missing=()
	for p in "${CONTAINER_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	containers_log "installing: ${missing[*]}"
	apt-get update -q >/dev/null
	# --no-install-recommends: docker-compose would pull in the Docker engine.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}" >/dev/null
}

containers_conf() {
	mkdir -p "$CONTAINERS_DIR"
	cat >"$CONTAINERS_DIR/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
	export CONTAINERS_CONF=$CONTAINERS_DIR/containers.conf
}

# The mirror apt uses here (a deb822 source or a one-line list).
containers_mirror() {
	local m
	m=$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
	[ -n "$m" ] || m=$(sed -n 's/^deb  *\(http[^ ]*debian\)\/* bookworm .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
	echo "${m:-http://deb.debian.org/debian}"
}

# debian:12, made once with debootstrap and imported under the names a
# Dockerfile's FROM may use.
containers_base_image() {
	local rootfs mirror security
	if podman image exists docker.io/library/debian:12; then
		return 0
	fi
	mirror=$(containers_mirror)
	security=${mirror%/debian}/debian-security
	containers_log "making debian:12 with debootstrap from $mirror"
	rootfs=$(mktemp -d "$CONTAINERS_DIR/rootfs.XXXXXX")
	debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$CONTAINERS_DIR/debootstrap.log" 2>&1 || {
		tail -20 "$CONTAINERS_DIR/debootstrap.log" >&2
		rm -rf "$rootfs"
		return 1
	}
	cat >"$rootfs/etc/apt/sources.list" <<LIST
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
LIST
	rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
	tar -C "$rootfs" -c . |
		podman import --quiet --change 'CMD ["/bin/bash"]' - docker.io/library/debian:12 >/dev/null
	podman tag docker.io/library/debian:12 localhost/debian:12
	rm -rf "$rootfs"
}

# containers_api SOCKET: podman's Docker API on SOCKET, in the background
# (its pid in CONTAINERS_API_PID); DOCKER_HOST points there.
containers_api() {
	podman system service --time=0 "unix://$1" >>"${1%.sock}.log" 2>&1 &
	CONTAINERS_API_PID=$!
	export DOCKER_HOST=unix://$1
	for _ in $(seq 100); do
		[ -S "$1" ] && return 0
		sleep 0.1
	done
	containers_log "podman system service did not open $1"
	return 1
}

# containers_health_pump PROJECT: runs the health checks of PROJECT's
# containers every 2 s, in the background (its pid in CONTAINERS_PUMP_PID).
containers_health_pump() {
	(
		while :; do
			for c in $(podman ps -q --filter "label=com.docker.compose.project=$1"); do
				podman healthcheck run "$c" >/dev/null 2>&1 || true
			done
			sleep 2
		done
	) &
	CONTAINERS_PUMP_PID=$!
}

# containers_podman_ready WORKDIR: podman installed and configured, debian:12
# there, and a first container run; 1 (with podman's words on stderr) when
# this machine runs none at all.
containers_podman_ready() {
	containers_deps
	containers_conf
	containers_base_image
	if ! podman run --rm docker.io/library/debian:12 true >"$1/probe.log" 2>&1; then
		cat "$1/probe.log" >&2
		return 1
	fi
}
