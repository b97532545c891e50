# madoguchi on Debian 12, for docker-compose.yml: the programs are built in
# one stage and run in another that has only the libraries they load.
# Targets: the default (madoguchid, madoguchi-worker, madoctl), and
# smtp-sink (a mail sink for a desk under test, with its mail listed on a
# web page).
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake pkg-config libpq-dev \
      libzmq3-dev libetpan-dev libcurl4-gnutls-dev libgnutls28-dev libtiff-dev \
      libtesseract-dev libleptonica-dev libpoppler-glib-dev libcairo2-dev libpango1.0-dev \
      libxlsxwriter-dev libsystemd-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -DMADOGUCHI_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build -j"$(nproc)" \
 && cmake --install /build --prefix /opt/madoguchi \
 && cc -O2 -Wall -Werror -o /opt/madoguchi/bin/madoguchi-smtp-sink /src/tests/e2e/smtp_sink.c

FROM debian:12 AS smtp-sink
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/mail/sink sink \
 && install -d -o sink -g sink /var/mail/sink
COPY --from=build /opt/madoguchi/bin/madoguchi-smtp-sink /usr/local/bin/
USER sink
EXPOSE 2525
CMD ["madoguchi-smtp-sink", "/tmp/sink.port", "/var/mail/sink", "2525"]

FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libzmq5 libetpan20 libsasl2-modules \
      libcurl3-gnutls libtiff6 libtesseract5 liblept5 libpoppler-glib8 libcairo2 \
      libpangocairo-1.0-0 libxlsxwriter4 fonts-ipafont-gothic tesseract-ocr-jpn \
      tesseract-ocr-eng ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/madoguchi madoguchi \
 && install -d -o madoguchi -g madoguchi /var/lib/madoguchi /var/spool/madoguchi/fax
COPY --from=build /opt/madoguchi /usr/local
USER madoguchi
WORKDIR /var/lib/madoguchi
CMD ["madoctl", "--help"]
