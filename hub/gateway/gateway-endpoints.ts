import { z } from 'zod';
import { node, type EndpointSpec } from '../../sync/index.js';
import { docIdSchema } from './couch-params.js';

const doc = { id: docIdSchema };
const endpoint = (
  method: EndpointSpec['method'],
  path: string,
  summary: string,
  params?: z.ZodObject,
): EndpointSpec => ({
  method,
  path,
  summary,
  tag: 'sync gateway',
  access: node,
  ...(params ? { params } : {}),
});

/**
 * Every endpoint of the replication protocol the gateway answers (CouchDB's, errors as
 * `{error, reason}`), for the hub's OpenAPI document: reads are filtered, writes checked per document.
 */
export const GATEWAY_ENDPOINTS: readonly EndpointSpec[] = [
  endpoint('get', '/', 'Server information, with a server uuid of its own for each node'),
  endpoint('get', '/db/', 'Database information'),
  endpoint('get', '/db/_local/:id', 'A replication checkpoint, kept apart per node', z.object({ id: z.string() })),
  endpoint('put', '/db/_local/:id', "Writes this node's replication checkpoint", z.object({ id: z.string() })),
  endpoint(
    'get',
    '/db/_changes',
    'Changes this node may see (normal, longpoll or continuous; since, limit, style=all_docs)',
  ),
  endpoint(
    'post',
    '/db/_ensure_full_commit',
    'Answered as CouchDB does before a checkpoint (every write is durable already)',
  ),
  endpoint('post', '/db/_revs_diff', 'Which offered revisions the hub lacks (only for documents this node may see)'),
  endpoint(
    'post',
    '/db/_bulk_docs',
    'Writes revisions (new_edits:false); each is checked and refused alone with forbidden',
  ),
  endpoint('post', '/db/_bulk_get', 'Revisions this node may see'),
  endpoint('get', '/db/_all_docs', 'Documents this node may see'),
  endpoint('post', '/db/_all_docs', 'Documents this node may see, by the keys in the body'),
  endpoint(
    'get',
    '/db/:id',
    'One document this node may see (revs, open_revs, latest; multipart/mixed on request)',
    z.object(doc),
  ),
  endpoint(
    'put',
    '/db/:id',
    'Writes one revision (new_edits=false, JSON or multipart/related), checked like _bulk_docs',
    z.object(doc),
  ),
  endpoint(
    'get',
    '/db/:id/:attachment',
    'An attachment of a document this node may see',
    z.object({ ...doc, attachment: z.string() }),
  ),
];
