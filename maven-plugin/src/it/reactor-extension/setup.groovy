// A recording telemetry server for this build: the JDK's HTTP server on a free local port, answering 202 like the
// platform and keeping every request body (gunzipped) in received/. Each module finds it through its
// telemetry.properties; verify.groovy reads what arrived and stops it.
import com.sun.net.httpserver.HttpServer
import java.util.zip.GZIPInputStream

File received = new File(basedir, 'received')
received.mkdirs()
def server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
server.createContext('/') { exchange ->
    byte[] body = exchange.requestBody.bytes
    if ('gzip'.equalsIgnoreCase(exchange.requestHeaders.getFirst('Content-Encoding'))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).bytes
    }
    synchronized (received) {
        new File(received, "request-${received.list().length + 1}.json").bytes = body
        new File(received, 'requests.log') << "${exchange.requestMethod} ${exchange.requestURI.path}\n"
    }
    exchange.sendResponseHeaders(202, -1)
    exchange.close()
}
server.start()
System.properties.put('telemetry.it.recorder', server)

String endpoint = "telemetry.endpoint=http://127.0.0.1:${server.address.port}\n"
basedir.eachFileRecurse { file ->
    if (file.name == 'pom.xml') {
        new File(file.parentFile, 'telemetry.properties').text = endpoint
    }
}
return true
