# Sourced by the benchmark scripts: copies what they run into a directory of their own, so that a Maven build
# in the work tree while they run (another terminal, an IDE, `mvn verify`) cannot swap or delete classes under
# a JVM that is being timed.
#   snapshot_app DIR   the launcher as users run it: DIR/linkguard, with DIR/target/classes, DIR/target/classpath.txt
#                      and the sources and pom.xml it checks, marked current so that it never rebuilds; its jar
#                      and class-data archive made once here
#   snapshot_dir SRC DIR   a copy of one directory (e.g. target/test-classes)
snapshot_app() {
  local root dir=$1
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  mkdir -p "$dir/target" "$dir/src"
  cp -p "$root/linkguard" "$root/pom.xml" "$dir/"
  cp -pR "$root/src/main" "$dir/src/"
  cp -pR "$root/target/classes" "$dir/target/"
  cp -p "$root/target/classpath.txt" "$dir/target/"
  mkdir -p "$dir/samples" && cp -p "$root/samples/connections-sample.csv.gz" "$dir/samples/" # the archive's training run
  touch "$dir/target/classpath.txt" # newer than every copied source: the launcher takes the build as current
  "$dir/linkguard" --version > /dev/null # makes the launcher's jar and class-data archive now, not in a timed run
}
snapshot_dir() {
  mkdir -p "$(dirname "$2")"
  rm -rf "$2"
  cp -pR "$1" "$2"
}
