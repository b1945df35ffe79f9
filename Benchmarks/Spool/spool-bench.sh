#!/bin/bash
# The spool benchmark (parkd-bench --only spool) on the temporary directory's filesystem, then,
# when run as root with mkfs.ext4 at hand, on a fresh ext4 with a journal (mkfs's defaults, as a
# park's server would have) in a 2 GiB file mounted through a loop device: an aged filesystem
# without a journal (this development VM's root) spends much of the run looking for a free
# inode among recently deleted ones, so the two figures are printed side by side.
#   spool-bench.sh PARKD_BENCH PARKD
set -eu
bench=$1
parkd=$2
echo
echo "spool on $(df --output=fstype "${TMPDIR:-/tmp}" | tail -1) (${TMPDIR:-/tmp}):"
"$bench" --parkd "$parkd" --only spool
if [ "$(id -u)" -ne 0 ] || ! command -v mkfs.ext4 > /dev/null; then
    echo "(not root, or no mkfs.ext4: the fresh ext4 run is left out)"
    exit 0
fi
work=$(mktemp -d)
cleanup() {
    umount "$work/mnt" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
truncate -s 2G "$work/ext4.img"
mkfs.ext4 -q -F "$work/ext4.img"
mkdir "$work/mnt"
mount -o loop "$work/ext4.img" "$work/mnt"
chmod 1777 "$work/mnt"
echo
echo "spool on a fresh ext4 with a journal (loop device on a file of the same disk):"
TMPDIR="$work/mnt" "$bench" --parkd "$parkd" --only spool
