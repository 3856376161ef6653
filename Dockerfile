# authaudit in a container: `docker build -t authaudit .`, then
#   docker run --rm -v "$PWD:/src:ro" authaudit
# scans the mounted tree (`authaudit scan /src`); any other arguments
# replace that command (docker run --rm authaudit probe https://host/).
# Two stages: the build tools stay in the first, the second holds the
# program, its rules and the shared libraries it runs on, run as a user
# without privileges. docs/ci.md has more.

FROM debian:12-slim AS build
# the same packages `make deps` installs (Hyperscan on amd64, vectorscan
# elsewhere), from the script that names them
COPY scripts/deps.sh /tmp/deps.sh
RUN /tmp/deps.sh build && rm -rf /var/lib/apt/lists/*
WORKDIR /build/authaudit
COPY . .
# the build context has no .git: the commit --version names comes in as
# an argument (docker build --build-arg AUTHAUDIT_COMMIT=$(git rev-parse
# --short=12 HEAD) .)
ARG AUTHAUDIT_COMMIT=unknown
RUN make -j"$(nproc)" GIT_COMMIT="$AUTHAUDIT_COMMIT" all && \
    build/authaudit rules check && \
    make GIT_COMMIT="$AUTHAUDIT_COMMIT" PREFIX=/usr/local DESTDIR=/out \
      install

FROM debian:12-slim
RUN set -eu; \
    case "$(dpkg --print-architecture)" in \
    amd64) matcher=libhyperscan5 ;; \
    *) matcher=libvectorscan5 ;; \
    esac; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates libcurl4 \
      libssl3 libpcre2-8-0 libyaml-0-2 "$matcher" libjansson4 zlib1g \
      libgit2-1.5; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 authaudit; \
    useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent \
      --no-create-home --shell /usr/sbin/nologin authaudit
COPY --from=build /out/usr/local /usr/local
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["authaudit"]
CMD ["scan", "/src"]
