const cors = require("cors");

// ruleid: picket.javascript.config.cors-reflected-origin-with-credentials
app.use(cors({ origin: true, credentials: true }));
// ok: picket.javascript.config.cors-reflected-origin-with-credentials
app.use(cors({ origin: ["https://app.example"], credentials: true }));

app.use((req, res, next) => {
  // ruleid: picket.javascript.config.cors-reflected-origin-with-credentials
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  // ok: picket.javascript.config.cors-reflected-origin-with-credentials
  res.setHeader("Access-Control-Allow-Origin", "https://app.example");
  next();
});
