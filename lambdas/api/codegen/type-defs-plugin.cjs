// GraphQL Code Generator plugin: emits the merged SDL as a TypeScript string constant, so the
// server never reads schema/*.graphql from disk (a bundled Lambda has no such files).
'use strict';
const { printSchema } = require('graphql');

module.exports = {
  plugin(schema) {
    return [
      '/** The API schema, printed from schema/*.graphql by codegen. Do not edit. */',
      `export const typeDefs = ${JSON.stringify(printSchema(schema))};`,
      '',
    ].join('\n');
  },
};
