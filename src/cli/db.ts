// `npm run db:migrate | db:seed | db:backup [-- file]`: database chores against DATABASE_PATH.
import { loadConfig } from '../config.js'
import { backupDatabase } from '../db/backup.js'
import { openDatabase } from '../db/connection.js'
import { migrate } from '../db/migrate.js'
import { seed } from '../db/seed.js'

const [command, argument] = process.argv.slice(2)
const config = loadConfig()
const db = openDatabase(config.databasePath)
try {
  switch (command) {
    case 'migrate': {
      const applied = migrate(db)
      console.log(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`)
      break
    }
    case 'seed': {
      migrate(db)
      const result = seed(db)
      console.log(`inserted ${result.articlesInserted} articles and ${result.railsInserted} rails into ${config.databasePath}`)
      break
    }
    case 'backup': {
      const target = argument ?? `${config.databasePath}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`
      backupDatabase(db, target)
      console.log(`backed up ${config.databasePath} to ${target}`)
      break
    }
    default:
      console.error('usage: tsx src/cli/db.ts migrate|seed|backup [target-file]')
      process.exitCode = 2
  }
} finally {
  db.close()
}
