# Build and run madoguchi on Debian 12, as docker-compose.yml expects.
FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config libpq-dev libzmq3-dev libetpan-dev \
      libcurl4-gnutls-dev libgnutls28-dev libtiff-dev libtesseract-dev libleptonica-dev \
      libpoppler-glib-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -DMADOGUCHI_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build -j && cmake --install /build --prefix /opt/madoguchi

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpq5 libzmq5 libetpan20 libcurl3-gnutls libtiff6 libtesseract5 liblept5 \
      libpoppler-glib8 libcairo2 libpangocairo-1.0-0 libxlsxwriter4 fonts-ipafont-gothic \
      tesseract-ocr-jpn tesseract-ocr-eng ca-certificates \
 && rm -rf /var/lib/apt/lists/* && useradd --system madoguchi
COPY --from=build /opt/madoguchi /usr/local
USER madoguchi
