const _ = require("lodash");
module.exports = (items) => _.uniq(items);
